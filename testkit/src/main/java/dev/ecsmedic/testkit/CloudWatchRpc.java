package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/**
 * The CloudWatch endpoint in the protocol SDK v2 2.57's CloudWatchClient speaks: Smithy RPC v2 CBOR, a POST to
 * {@code /service/GraniteServiceVersion20100801/operation/NAME} with a CBOR map, answered by a CBOR map (errors
 * carry {@code __type}), with the {@code smithy-protocol: rpc-v2-cbor} header both ways.
 */
final class CloudWatchRpc {
    static final String PATH = "/service/GraniteServiceVersion20100801/operation/";
    private static final CBORMapper CBOR = new CBORMapper();

    private CloudWatchRpc() {
    }

    static void serve(EcsWorld world, HttpExchange exchange, byte[] body) throws IOException {
        if (!"rpc-v2-cbor".equals(exchange.getRequestHeaders().getFirst("smithy-protocol"))) {
            respond(exchange, 400, error("SerializationException", "missing smithy-protocol: rpc-v2-cbor"));
            return;
        }
        String operation = exchange.getRequestURI().getPath().substring(PATH.length());
        try {
            JsonNode request = body.length == 0 ? Json.obj() : CBOR.readTree(body);
            if (request == null || !request.isObject()) {
                throw new IllegalArgumentException("request body is not a CBOR map");
            }
            String actor = world.currentActor();
            Simulator.faulted(world, "monitoring", operation,
                    () -> Simulator.call(world, actor, "monitoring", operation, Json.write(request)),
                    new Simulator.Answers(out -> respond(exchange, 200, CBOR.writeValueAsBytes(out)),
                            e -> respond(exchange, e.status(), error(e.type(), e.getMessage()))));
        } catch (AwsError e) {
            respond(exchange, e.status(), error(e.type(), e.getMessage()));
        } catch (IOException | IllegalArgumentException e) {
            respond(exchange, 400, error("SerializationException", e.getMessage()));
        } catch (RuntimeException e) {
            respond(exchange, 500, error("InternalServiceFault", String.valueOf(e)));
        }
    }

    private static byte[] error(String type, String message) throws IOException {
        ObjectNode node = Json.obj().put("__type", type);
        if (message != null) {
            node.put("message", message);
        }
        return CBOR.writeValueAsBytes(node);
    }

    private static void respond(HttpExchange exchange, int status, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/cbor");
        exchange.getResponseHeaders().set("smithy-protocol", "rpc-v2-cbor");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
