package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves an {@link EcsWorld} on 127.0.0.1 in the AWS JSON 1.1 protocol (ECS, CloudWatch Logs), DynamoDB in AWS
 * JSON 1.0, CloudWatch in Smithy RPC v2 CBOR and IAM, EC2 and SNS in their query protocols, so real SDK v2 clients
 * built with {@code endpointOverride(sim.endpoint())} talk to it as they would to AWS. Every operation, over HTTP
 * or from {@link EcsWorld#call}, is routed here to the API class that answers it from the world; every call over
 * HTTP, in each of these protocols, goes through the world's {@link FaultInjector} ({@link #faulted}).
 */
public final class Simulator implements AutoCloseable {
    private static final String ECS_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final String LOGS_PREFIX = "Logs_20140328.";
    private static final String DYNAMODB_PREFIX = "DynamoDB_20120810.";
    /** How DynamoDB qualifies the code in an error's {@code __type}; SDKs read the code after the {@code #}. */
    private static final String DYNAMODB_ERROR_NAMESPACE = "com.amazonaws.dynamodb.v20120810#";

    static {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final EcsWorld world;
    private final HttpServer server;
    private final ExecutorService executor;

    private Simulator(EcsWorld world, HttpServer server, ExecutorService executor) {
        this.world = world;
        this.server = server;
        this.executor = executor;
    }

    public static Simulator start(EcsWorld world) {
        return start(world, 0);
    }

    public static Simulator start(EcsWorld world, int port) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
                Thread t = new Thread(r, "ecs-simulator-http");
                t.setDaemon(true);
                return t;
            });
            Simulator sim = new Simulator(world, server, executor);
            server.createContext("/", sim::handle);
            server.setExecutor(executor);
            server.start();
            return sim;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the simulator", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public EcsWorld world() {
        return world;
    }

    public VirtualClock clock() {
        return world.clock();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            if (!"POST".equals(exchange.getRequestMethod())) {
                respond(exchange, 400, error("UnknownOperationException", null));
                return;
            }
            if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
                respond(exchange, 403, error("MissingAuthenticationTokenException", "Missing Authentication Token"));
                return;
            }
            if (exchange.getRequestURI().getPath().startsWith(CloudWatchRpc.PATH)) {
                CloudWatchRpc.serve(world, exchange, body);
                return;
            }
            if (target == null && QueryProtocol.handle(world, exchange, body)) {
                return;
            }
            String service;
            String operation;
            if (target != null && target.startsWith(ECS_PREFIX)) {
                service = "ecs";
                operation = target.substring(ECS_PREFIX.length());
            } else if (target != null && target.startsWith(LOGS_PREFIX)) {
                service = "logs";
                operation = target.substring(LOGS_PREFIX.length());
            } else if (target != null && target.startsWith(DYNAMODB_PREFIX)) {
                service = "dynamodb";
                operation = target.substring(DYNAMODB_PREFIX.length());
            } else {
                respond(exchange, 400, error("UnknownOperationException", null));
                return;
            }
            String actor = world.currentActor();
            boolean json10 = service.equals("dynamodb");
            Answers answers = json10 ? dynamoDbAnswers(exchange) : new Answers(
                    out -> respond(exchange, 200, Json.write(out)),
                    e -> respond(exchange, e.status(), error(e.type(), e.getMessage())));
            try {
                faulted(world, service, operation, () -> call(world, actor, service, operation,
                        new String(body, StandardCharsets.UTF_8)), answers);
            } catch (AwsError e) {
                answers.error().write(e);
            } catch (IllegalArgumentException e) {
                answers.error().write(new AwsError(400, "SerializationException", e.getMessage()));
            } catch (RuntimeException e) {
                answers.error().write(new AwsError(500, json10 ? "InternalServerError" : "ServerException",
                        String.valueOf(e)));
            }
        }
    }

    /**
     * DynamoDB's AWS JSON 1.0 answers: the output as JSON, an error as {@code __type} (the code in DynamoDB's
     * namespace), {@code message} and the members of the error's shape.
     */
    private static Answers dynamoDbAnswers(HttpExchange exchange) {
        String type = "application/x-amz-json-1.0";
        return new Answers(out -> respond(exchange, 200, Json.write(out), type), e -> {
            ObjectNode body = Json.obj().put("__type", DYNAMODB_ERROR_NAMESPACE + e.type());
            if (e.getMessage() != null) {
                body.put("message", e.getMessage());
            }
            if (e.members() != null) {
                body.setAll(e.members());
            }
            respond(exchange, e.status(), Json.write(body), type);
        });
    }

    /** Writes one answer to an HTTP exchange. */
    @FunctionalInterface
    interface Writer<T> {
        void write(T value) throws IOException;
    }

    /** How one protocol writes an operation's output or an error. */
    record Answers(Writer<JsonNode> ok, Writer<AwsError> error) {}

    /**
     * Performs one call over HTTP as the world's fault injector decides: answered normally, or with a fault
     * before or after the operation took effect. An error of the operation itself is thrown to the caller.
     */
    static void faulted(EcsWorld world, String service, String operation, Supplier<JsonNode> call, Answers answers)
            throws IOException {
        FaultInjector.Fault fault = world.faults().next(operation);
        JsonNode out = fault != null && !fault.afterEffect() ? null : call.get();
        if (fault == null) {
            answers.ok().write(out);
            return;
        }
        switch (fault.kind()) {
            case SLOW_RESPONSE -> {
                try {
                    Thread.sleep(world.faults().config().slow().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (out != null) {
                    answers.ok().write(out);
                }
            }
            case CONNECTION_RESET -> { }
            default -> answers.error().write(FaultInjector.error(fault.kind(), service));
        }
    }

    /**
     * Performs one operation for {@code caller} under the world's lock: the throttles the world was given first,
     * then the API class that serves {@code service}; every call is recorded, failed or not.
     */
    static JsonNode call(EcsWorld world, String caller, String service, String operation, String requestJson) {
        synchronized (world) {
            JsonNode request = requestJson == null || requestJson.isBlank() ? Json.obj() : Json.read(requestJson);
            String errorType = null;
            try {
                if (world.throttled(operation)) {
                    throw new AwsError(400, "ThrottlingException", "Rate exceeded");
                }
                if (!request.isObject()) {
                    throw new AwsError(400, "SerializationException",
                            "Start of structure or map found where not expected.");
                }
                return route(world, caller, service, operation, (ObjectNode) request);
            } catch (AwsError e) {
                errorType = e.type();
                throw e;
            } finally {
                world.recordCall(new EcsWorld.ApiCall(world.now(), caller, service, operation, Json.write(request),
                        errorType));
            }
        }
    }

    private static JsonNode route(EcsWorld world, String caller, String service, String operation, ObjectNode request) {
        return switch (service) {
            case "ecs" -> EcsApi.handle(world, caller, operation, request);
            case "logs" -> LogsApi.handle(world, operation, request);
            case "monitoring" -> new CloudWatchApi(world.cloudWatch()).handle(operation, request);
            case "iam" -> IamApi.handle(world, caller, operation, request);
            case "ec2" -> Ec2Api.handle(world, caller, operation, request);
            case "sns" -> SnsApi.handle(world, caller, operation, request);
            case "dynamodb" -> DynamoDbApi.handle(world, operation, request);
            default -> throw new AwsError(400, "UnknownOperationException", null);
        };
    }

    private static String error(String type, String message) {
        var node = Json.obj().put("__type", type);
        if (message != null) {
            node.put("message", message);
        }
        return Json.write(node);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        respond(exchange, status, json, "application/x-amz-json-1.1");
    }

    static void respond(HttpExchange exchange, int status, String body, String contentType) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
