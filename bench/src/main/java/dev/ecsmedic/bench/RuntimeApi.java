package dev.ecsmedic.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntSupplier;

/**
 * The part of Lambda's Runtime API (version 2018-06-01) a runtime interface client uses for on-demand
 * invocations, on 127.0.0.1: {@code GET /runtime/invocation/next} hands out the events {@link #invoke} queued
 * (blocking until there is one, as Lambda does), with the request id, deadline and function ARN headers;
 * {@code POST /runtime/invocation/{id}/response} and {@code .../error}, and {@code /runtime/init/error}, are
 * answered 202 and complete that invocation. {@code marker} is read when an event is handed out and when its
 * answer arrives (the simulator's count of AWS calls), so each invocation knows the calls made in it. One
 * instance serves one runtime process: closing it ends the {@code next} still waiting for that process.
 */
final class RuntimeApi implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final long DEADLINE_MS = 60_000;

    /**
     * One invocation's outcome: the answer, whether it was an error, when it arrived, and the marker when the
     * event was handed out and when the answer arrived.
     */
    record Answer(String body, boolean error, long nanos, int markAtEvent, int markAtAnswer) {}

    private record Pending(String id, byte[] event, CompletableFuture<Answer> answer) {}

    private final HttpServer server;
    private final String functionArn;
    private final IntSupplier marker;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ConcurrentHashMap<String, Pending> delivered = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> markAtDelivery = new ConcurrentHashMap<>();
    private final CompletableFuture<Answer> initError = new CompletableFuture<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runtime-api");
        t.setDaemon(true);
        return t;
    });

    RuntimeApi(String functionArn, IntSupplier marker) throws IOException {
        this.functionArn = functionArn;
        this.marker = marker;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** What AWS_LAMBDA_RUNTIME_API is set to. */
    String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** Queues {@code event} for the next {@code GET next}; the future completes when the runtime answers it. */
    CompletableFuture<Answer> invoke(byte[] event) {
        Pending pending = new Pending(UUID.randomUUID().toString(), event, new CompletableFuture<>());
        queue.add(pending);
        return pending.answer();
    }

    /**
     * Waits for {@code answer}: an init error reported instead is returned as the answer (an error); the
     * runtime's exit or a timeout ends the wait with an exception saying so.
     */
    Answer await(CompletableFuture<Answer> answer, CompletableFuture<?> exited, long seconds) throws Exception {
        Object first;
        try {
            first = CompletableFuture.anyOf(answer, initError, exited).get(seconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the runtime in " + seconds + " s");
        }
        if (first instanceof Answer got) {
            return got;
        }
        throw new IllegalStateException("the runtime exited without answering");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            if (exchange.getRequestMethod().equals("GET") && path.equals("invocation/next")) {
                next(exchange);
                return;
            }
            List<String> parts = List.of(path.split("/"));
            String text = new String(body, StandardCharsets.UTF_8);
            if (path.equals("init/error")) {
                initError.complete(new Answer(text, true, now, 0, 0));
            } else if (parts.size() == 3 && parts.get(0).equals("invocation") && delivered.containsKey(parts.get(1))
                    && (parts.get(2).equals("response") || parts.get(2).equals("error"))) {
                delivered.remove(parts.get(1)).answer().complete(new Answer(text, parts.get(2).equals("error"), now,
                        markAtDelivery.remove(parts.get(1)), marker.getAsInt()));
            } else {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(202, -1);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        Pending pending;
        try {
            pending = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        markAtDelivery.put(pending.id(), marker.getAsInt());
        delivered.put(pending.id(), pending);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Lambda-Runtime-Aws-Request-Id", pending.id());
        exchange.getResponseHeaders().set("Lambda-Runtime-Deadline-Ms",
                Long.toString(System.currentTimeMillis() + DEADLINE_MS));
        exchange.getResponseHeaders().set("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.sendResponseHeaders(200, pending.event().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(pending.event());
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
