package dev.ecsmedic.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An AWS JSON 1.1 endpoint on 127.0.0.1 that answers each operation with a fixed body and records every request. */
final class CannedAws implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> responses = new ConcurrentHashMap<>();
    private final List<String> operations = new ArrayList<>();

    CannedAws() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
                String operation = target == null ? "" : target.substring(target.indexOf('.') + 1);
                synchronized (operations) {
                    operations.add(operation);
                }
                String body = responses.get(operation);
                int status = body == null ? 400 : 200;
                if (body == null) {
                    body = "{\"__type\":\"UnknownOperationException\",\"message\":\"" + operation + "\"}";
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(status, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
    }

    /** The 2025-11-13 deadlock as ECS and CloudWatch Logs describe it (src/test/resources/incident). */
    static CannedAws incident() throws IOException {
        CannedAws aws = new CannedAws();
        try (var files = Files.list(Path.of("src/test/resources/incident"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                aws.answer(file.getFileName().toString().replace(".json", ""), Files.readString(file));
            }
        }
        return aws;
    }

    CannedAws answer(String operation, String json) {
        responses.put(operation, json);
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    List<String> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
