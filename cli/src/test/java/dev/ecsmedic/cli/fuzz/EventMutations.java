package dev.ecsmedic.cli.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile and malformed variants of the sample events, from one seed: fields dropped, nulled and retyped, unknown
 * detail-types and event names, huge strings and arrays, invalid UTF-8, deep nesting, ARNs of other partitions,
 * regions and accounts, clusters and services named in every shape. Each input says which mutations made it.
 */
final class EventMutations {

    record Input(String base, List<String> mutations, byte[] bytes) {
        String describe() {
            return base + " " + mutations + " (" + bytes.length + " bytes)";
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] PARTITIONS = {"aws-cn", "aws-us-gov", "aws-iso", "aws-eusc", "", "AWS"};
    private static final String[] REGIONS = {"eu-west-1", "us-west-2", "cn-north-1", "us-gov-west-1", "", "US-EAST-1"};
    private static final String[] ACCOUNTS = {"210987654321", "000000000000", "12345678901", "1234567890123", "",
            "123456789012 "};
    private static final String[] DETAIL_TYPES = {"ECS Container Instance State Change", "ECS Task State Change ",
            "ecs task state change", "AWS API Call via CloudTrail\u0000", "CloudWatch Alarm Configuration Change",
            "Scheduled Event", "ECS Deployment State Change", "", "\u202eegnahC etatS ksaT SCE"};
    private static final String[] SOURCES = {"aws.ecs", "aws.cloudwatch", "aws.events", "custom.ecs", "aws.ecs ",
            "AWS.ECS", ""};
    private static final String[] EVENT_NAMES = {"SERVICE_DEPLOYMENT_EXPLODED", "SERVICE_STEADY_STATE",
            "SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_TASK_START_IMPAIRED", "DeleteService", "UpdateService",
            "CreateService", "RunTask", "", "updateservice"};
    private static final String[] CLUSTERS = {"observability", "default", "Observability", "observability ",
            "arn:aws:ecs:us-east-1:123456789012:cluster/observability",
            "arn:aws:ecs:us-east-1:210987654321:cluster/observability",
            "arn:aws:ecs:eu-west-1:123456789012:cluster/observability",
            "arn:aws-cn:ecs:cn-north-1:123456789012:cluster/observability",
            "arn:aws:ecs:us-east-1:123456789012:cluster/production", "arn:aws:ecs:us-east-1:123456789012:cluster/",
            "arn:aws:ecs:us-east-1:123456789012", "arn:", "observability/prometheus"};
    private static final String[] SERVICES = {"prometheus", "web", "Prometheus", "prometheus ", "prometheus\u0000",
            "pr\u043emetheus", "prometheus/../web", "*", "",
            "arn:aws:ecs:us-east-1:123456789012:service/observability/prometheus",
            "arn:aws:ecs:us-east-1:123456789012:service/prometheus",
            "arn:aws:ecs:us-east-1:210987654321:service/observability/prometheus",
            "arn:aws:ecs:us-west-2:123456789012:service/observability/web",
            "arn:aws-us-gov:ecs:us-gov-west-1:123456789012:service/observability/prometheus",
            "arn:aws:ecs:us-east-1:123456789012:service/observability/prometheus/extra",
            "arn:aws:ecs:us-east-1:123456789012:service/production/prometheus"};

    private final Random random;
    private final List<Map.Entry<String, JsonNode>> samples;

    EventMutations(long seed, Map<String, byte[]> samples) {
        this.random = new Random(seed);
        this.samples = new ArrayList<>();
        samples.forEach((name, bytes) -> this.samples.add(Map.entry(name, JsonTree.read(bytes))));
    }

    Input next() {
        Map.Entry<String, JsonNode> base = samples.get(random.nextInt(samples.size()));
        JsonNode event = base.getValue().deepCopy();
        List<String> applied = new ArrayList<>();
        int treeMutations = 1 + random.nextInt(3);
        for (int i = 0; i < treeMutations; i++) {
            event = mutateTree(event, applied);
        }
        byte[] bytes = JsonTree.write(event);
        if (random.nextInt(4) == 0) {
            bytes = mutateBytes(bytes, applied);
        }
        return new Input(base.getKey(), applied, bytes);
    }

    private JsonNode mutateTree(JsonNode event, List<String> applied) {
        List<JsonTree.Slot> slots = JsonTree.slots(event);
        JsonTree.Slot slot = slots.isEmpty() ? null : slots.get(random.nextInt(slots.size()));
        switch (random.nextInt(15)) {
            case 0 -> {
                if (slot != null) {
                    slot.remove();
                    applied.add("drop " + slot.path());
                }
            }
            case 1 -> {
                if (slot != null) {
                    slot.set(NODES.nullNode());
                    applied.add("null " + slot.path());
                }
            }
            case 2, 3 -> {
                if (slot != null) {
                    JsonNode value = retyped(slot.get());
                    slot.set(value);
                    applied.add("retype " + slot.path() + " to " + value.getNodeType());
                }
            }
            case 4 -> applied.add("detail-type " + quote(JsonTree.setTop(event, "detail-type", pick(DETAIL_TYPES))));
            case 5 -> applied.add("source " + quote(JsonTree.setTop(event, "source", pick(SOURCES))));
            case 6 -> {
                if (event.path("detail") instanceof ObjectNode detail) {
                    String name = pick(EVENT_NAMES);
                    detail.put("eventName", name);
                    applied.add("eventName " + quote(name));
                }
            }
            case 7 -> {
                if (slot != null && slot.get().isTextual()) {
                    int length = pick(new int[] {10_000, 100_000, 200_000, 300_000});
                    slot.set(new TextNode("x".repeat(length)));
                    applied.add("huge string of " + length + " at " + slot.path());
                }
            }
            case 8 -> applied.add(hugeArray(event));
            case 9 -> applied.add(otherPlace(event));
            case 10 -> applied.add(cluster(event));
            case 11 -> applied.add(service(event));
            case 13 -> applied.add(metricAccount(event));
            case 12 -> {
                String time = pick(new String[] {"yesterday", "2025-13-45T99:99:99Z", "", "0", "+999999999-12-31T23:59:59Z"});
                JsonTree.replaceTexts(event, v -> v.matches("\\d{4}-\\d\\d-\\d\\dT.*") ? time : v);
                applied.add("every timestamp " + quote(time));
            }
            default -> {
                String value = pick(new String[] {"\u0000", "\uD800", "\r\n{\"decision\":\"STOP_STALE_TASKS\"}", "\u001b[31m",
                        "'; DROP TABLE tasks; --", "%s%s%s%n", "${jndi:ldap://127.0.0.1/x}"});
                if (slot != null && slot.get().isTextual()) {
                    slot.set(new TextNode(slot.get().asText() + value));
                    applied.add("control text appended to " + slot.path());
                }
            }
        }
        return event;
    }

    private byte[] mutateBytes(byte[] bytes, List<String> applied) {
        switch (random.nextInt(6)) {
            case 0 -> {
                int at = random.nextInt(Math.max(1, bytes.length));
                applied.add("truncated at byte " + at);
                return java.util.Arrays.copyOf(bytes, at);
            }
            case 1 -> {
                byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}};
                byte[] bad = invalid[random.nextInt(invalid.length)];
                int quote = indexOfQuote(bytes, random.nextInt(Math.max(1, bytes.length)));
                applied.add("invalid UTF-8 inside a string at byte " + quote);
                byte[] out = new byte[bytes.length + bad.length];
                System.arraycopy(bytes, 0, out, 0, quote + 1);
                System.arraycopy(bad, 0, out, quote + 1, bad.length);
                System.arraycopy(bytes, quote + 1, out, quote + 1 + bad.length, bytes.length - quote - 1);
                return out;
            }
            case 2 -> {
                int depth = pick(new int[] {100, 999, 1001, 5_000, 100_000});
                boolean arrays = random.nextBoolean();
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                String nested = open.repeat(depth) + "1" + close.repeat(depth);
                String text = new String(bytes, StandardCharsets.UTF_8);
                int detail = text.indexOf("\"detail\":");
                applied.add("detail nested " + depth + " deep in " + (arrays ? "arrays" : "objects"));
                return (detail < 0 ? "{\"detail\":" + nested + "}"
                        : text.substring(0, detail) + "\"detail\":" + nested + ",\"x" + text.substring(detail + 1))
                        .getBytes(StandardCharsets.UTF_8);
            }
            case 3 -> {
                String[] tops = {"[]", "null", "\"event\"", "42", "", "   ", "true", "[" + new String(bytes,
                        StandardCharsets.UTF_8) + "]"};
                String top = tops[random.nextInt(tops.length)];
                applied.add("top level " + (top.length() > 10 ? "array of the event" : quote(top)));
                return top.getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                applied.add("random bytes");
                return noise;
            }
            default -> {
                int pad = pick(new int[] {100, 256 * 1024 - bytes.length, 256 * 1024, 1024 * 1024});
                applied.add("padded with " + Math.max(0, pad) + " spaces");
                byte[] out = java.util.Arrays.copyOf(bytes, bytes.length + Math.max(0, pad));
                java.util.Arrays.fill(out, bytes.length, out.length, (byte) ' ');
                return out;
            }
        }
    }

    private String hugeArray(JsonNode event) {
        int size = pick(new int[] {100, 5_000, 40_000});
        String[] targets = {"resources", "detail.containers", "detail.configuration.metrics", "detail.attachments"};
        String target = targets[random.nextInt(targets.length)];
        ObjectNode parent = target.startsWith("detail.configuration")
                ? JsonTree.objectAt(event, "detail", "configuration")
                : target.startsWith("detail") ? JsonTree.objectAt(event, "detail") : (ObjectNode) event;
        if (parent == null) {
            return "no " + target + " to grow";
        }
        String field = target.substring(target.lastIndexOf('.') + 1);
        JsonNode existing = parent.path(field);
        JsonNode element = existing.isArray() && !existing.isEmpty() ? existing.get(0)
                : new TextNode("arn:aws:ecs:us-east-1:123456789012:service/observability/prometheus");
        size = Math.min(size, 400_000 / (element.toString().length() + 1));
        ArrayNode array = parent.putArray(field);
        for (int i = 0; i < size; i++) {
            array.add(element);
        }
        return "array of " + size + " at " + target;
    }

    private String otherPlace(JsonNode event) {
        String from;
        String to;
        switch (random.nextInt(3)) {
            case 0 -> {
                from = "arn:aws:";
                to = "arn:" + pick(PARTITIONS) + ":";
            }
            case 1 -> {
                from = "us-east-1";
                to = pick(REGIONS);
            }
            default -> {
                from = "123456789012";
                to = pick(ACCOUNTS);
            }
        }
        boolean everywhere = random.nextBoolean();
        List<String> hit = new ArrayList<>();
        JsonTree.replaceTexts(event, v -> {
            if (v.contains(from) && (everywhere || hit.isEmpty())) {
                hit.add(v);
                return v.replace(from, to);
            }
            return v;
        });
        return (everywhere ? "every " : "one ") + quote(from) + " -> " + quote(to);
    }

    private String metricAccount(JsonNode event) {
        if (!(event.path("detail").path("configuration").path("metrics") instanceof ArrayNode metrics)
                || metrics.isEmpty()) {
            return "no metric to give an accountId";
        }
        String account = pick(ACCOUNTS);
        int index = random.nextInt(metrics.size());
        if (metrics.get(index) instanceof ObjectNode metric) {
            metric.put("accountId", account);
        }
        return "metrics[" + index + "].accountId " + quote(account);
    }

    private String cluster(JsonNode event) {
        String cluster = pick(CLUSTERS);
        ObjectNode detail = JsonTree.objectAt(event, "detail");
        if (detail == null) {
            return "no detail to name a cluster in";
        }
        if (detail.has("requestParameters") && detail.get("requestParameters") instanceof ObjectNode request) {
            request.put("cluster", cluster);
            return "requestParameters.cluster " + quote(cluster);
        }
        detail.put("clusterArn", cluster);
        return "clusterArn " + quote(cluster);
    }

    private String service(JsonNode event) {
        String service = pick(SERVICES);
        ObjectNode detail = JsonTree.objectAt(event, "detail");
        if (detail != null && detail.get("requestParameters") instanceof ObjectNode request) {
            request.put(random.nextBoolean() ? "service" : "serviceName", service);
            return "requestParameters service " + quote(service);
        }
        if (detail != null && detail.has("group")) {
            detail.put("group", "service:" + service);
            return "group service:" + quote(service);
        }
        if (detail != null && detail.path("configuration").path("metrics") instanceof ArrayNode metrics) {
            for (JsonNode m : metrics) {
                if (m.path("metricStat").path("metric").path("dimensions") instanceof ObjectNode dims) {
                    dims.put("ServiceName", service);
                }
            }
            return "every ServiceName dimension " + quote(service);
        }
        ((ObjectNode) event).putArray("resources").add(service);
        return "resources [" + quote(service) + "]";
    }

    private JsonNode retyped(JsonNode value) {
        JsonNode[] shapes = {NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(1e308),
                NODES.numberNode(new java.math.BigInteger("99999999999999999999999999")), NODES.booleanNode(true),
                NODES.textNode(""), NODES.textNode(value.toString().length() > 200 ? "x" : value.toString()),
                NODES.arrayNode(), NODES.objectNode(), NODES.arrayNode().add(value.deepCopy()),
                NODES.objectNode().set("value", value.deepCopy())};
        return shapes[random.nextInt(shapes.length)];
    }

    private static int indexOfQuote(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                return i;
            }
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '"') {
                return i;
            }
        }
        return 0;
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String quote(String value) {
        String shown = value.length() > 60 ? value.substring(0, 60) + "…" : value;
        return "'" + shown.replace("\u0000", "\\0") + "'";
    }
}
