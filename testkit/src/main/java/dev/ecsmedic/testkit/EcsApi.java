package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsmedic.testkit.Model.Cluster;
import dev.ecsmedic.testkit.Model.Service;
import dev.ecsmedic.testkit.Model.Task;
import dev.ecsmedic.testkit.Model.TaskDef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** The ECS operations the functions and their operators use, with the validation and errors ECS applies. */
final class EcsApi {
    static final String OPERATOR = "operator";

    private EcsApi() {
    }

    static JsonNode handle(EcsWorld w, String caller, String op, ObjectNode req) {
        return switch (op) {
            case "ListClusters" -> page(req, w.clusterArns(), "clusterArns");
            case "DescribeClusters" -> describeClusters(w, req);
            case "ListServices" -> page(req, w.requireCluster(text(req, "cluster")).services.values().stream()
                    .map(s -> s.arn).toList(), "serviceArns");
            case "DescribeServices" -> describeServices(w, req);
            case "ListTasks" -> listTasks(w, req);
            case "DescribeTasks" -> describeTasks(w, req);
            case "DescribeTaskDefinition" -> describeTaskDefinition(w, req);
            case "StopTask" -> stopTask(w, caller, req);
            case "UpdateService" -> updateService(w, caller, req);
            case "ListTagsForResource" -> Json.obj().set("tags", Wire.tags(taggable(w, required(req, "resourceArn"))));
            case "TagResource" -> tagResource(w, req);
            default -> throw new AwsError(400, "UnknownOperationException", null);
        };
    }

    private static JsonNode describeClusters(EcsWorld w, ObjectNode req) {
        List<String> names = strings(req, "clusters");
        if (names.isEmpty()) {
            names = List.of("default");
        }
        ObjectNode out = Json.obj();
        ArrayNode clusters = out.putArray("clusters");
        ArrayNode failures = out.putArray("failures");
        for (String name : names) {
            try {
                Cluster c = w.requireCluster(name);
                List<Task> tasks = w.tasksIn(c);
                long running = tasks.stream().filter(t -> t.lastStatus.equals("RUNNING")).count();
                long pending = tasks.stream().filter(t -> t.live() && !t.lastStatus.equals("RUNNING")).count();
                ObjectNode n = clusters.addObject();
                n.put("clusterArn", c.arn).put("clusterName", c.name).put("status", "ACTIVE")
                        .put("registeredContainerInstancesCount", 0).put("runningTasksCount", running)
                        .put("pendingTasksCount", pending).put("activeServicesCount", c.services.size());
                n.set("statistics", Json.arr());
                n.set("tags", Wire.tags(c.tags));
                n.set("settings", Json.arr().add(Json.obj().put("name", "containerInsights").put("value", "disabled")));
                n.set("capacityProviders", Json.arr().add("FARGATE").add("FARGATE_SPOT"));
                n.set("defaultCapacityProviderStrategy", Json.arr());
                ExecPrerequisites.ClusterExec exec = w.execPrerequisites().clusterExec(c.name);
                if (exec != null && strings(req, "include").contains("CONFIGURATIONS")) {
                    ObjectNode config = n.putObject("configuration").putObject("executeCommandConfiguration");
                    if (exec.kmsKeyId() != null && !exec.kmsKeyId().isEmpty()) {
                        config.put("kmsKeyId", exec.kmsKeyId());
                    }
                    config.put("logging", exec.logging());
                }
            } catch (AwsError e) {
                String arn = name.startsWith("arn:") ? name : Model.ARN_PREFIX + "cluster/" + name;
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            }
        }
        return out;
    }

    private static JsonNode describeServices(EcsWorld w, ObjectNode req) {
        Cluster c = w.requireCluster(text(req, "cluster"));
        List<String> names = strings(req, "services");
        if (names.isEmpty()) {
            throw AwsError.invalid("Services cannot be empty.");
        }
        if (names.size() > 10) {
            throw AwsError.invalid("Services cannot contain more than 10 elements.");
        }
        ObjectNode out = Json.obj();
        ArrayNode services = out.putArray("services");
        ArrayNode failures = out.putArray("failures");
        for (String name : names) {
            Service s = c.service(name);
            if (s == null) {
                String arn = name.startsWith("arn:") ? name : Model.ARN_PREFIX + "service/" + c.name + "/" + name;
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                ObjectNode n = Wire.service(s, w.tasksOf(s));
                if (strings(req, "include").contains("TAGS")) {
                    n.set("tags", Wire.tags(s.tags));
                }
                services.add(n);
            }
        }
        return out;
    }

    private static JsonNode listTasks(EcsWorld w, ObjectNode req) {
        Cluster c = w.requireCluster(text(req, "cluster"));
        String serviceName = text(req, "serviceName");
        Service s = serviceName == null ? null : c.requireService(serviceName);
        String desired = text(req, "desiredStatus");
        if (desired != null && !desired.equals("RUNNING") && !desired.equals("STOPPED") && !desired.equals("PENDING")) {
            throw AwsError.invalid("1 validation error detected: Value '" + desired
                    + "' at 'desiredStatus' failed to satisfy constraint: Member must satisfy enum value set: [PENDING, STOPPED, RUNNING]");
        }
        String wantedDesired = desired == null || desired.equals("PENDING") ? "RUNNING" : desired;
        String family = text(req, "family");
        String startedBy = text(req, "startedBy");
        if (s != null && family != null) {
            throw AwsError.invalid("Family and serviceName cannot both be specified.");
        }
        List<String> arns = new ArrayList<>();
        for (Task t : w.tasksIn(c)) {
            if (!w.visible(t) || !t.desiredStatus.equals(wantedDesired)
                    || w.faults().unlisted(t.id, t.createdAt, w.now())) {
                continue;
            }
            if ((s != null && t.service != s) || (family != null && !t.taskDef.spec.family().equals(family))
                    || (startedBy != null && !startedBy.equals(t.startedBy()))
                    || ("PENDING".equals(desired) && t.lastStatus.equals("RUNNING"))) {
                continue;
            }
            arns.add(t.arn);
        }
        return page(req, arns, "taskArns");
    }

    private static JsonNode describeTasks(EcsWorld w, ObjectNode req) {
        Cluster c = w.requireCluster(text(req, "cluster"));
        List<String> ids = strings(req, "tasks");
        if (ids.isEmpty()) {
            throw AwsError.invalid("Tasks cannot be empty.");
        }
        if (ids.size() > 100) {
            throw AwsError.invalid("Tasks cannot contain more than 100 elements.");
        }
        ObjectNode out = Json.obj();
        ArrayNode tasks = out.putArray("tasks");
        ArrayNode failures = out.putArray("failures");
        for (String id : ids) {
            Task t = w.findTask(c, id);
            if (t == null) {
                String arn = id.startsWith("arn:") ? id : Model.ARN_PREFIX + "task/" + c.name + "/" + id;
                failures.addObject().put("arn", arn).put("reason", "MISSING");
            } else {
                ObjectNode stale = w.faults().staleDescription(t.id, w.now());
                tasks.add(stale != null ? stale : Wire.task(t, false));
            }
        }
        return out;
    }

    private static JsonNode describeTaskDefinition(EcsWorld w, ObjectNode req) {
        TaskDef td = w.resolveTaskDef(required(req, "taskDefinition"));
        ObjectNode out = Json.obj();
        out.set("taskDefinition", Wire.taskDefinition(td));
        out.set("tags", Json.arr());
        return out;
    }

    private static JsonNode stopTask(EcsWorld w, String caller, ObjectNode req) {
        Cluster c = w.requireCluster(text(req, "cluster"));
        String id = required(req, "task");
        Task t = w.findTask(c, id);
        if (t == null) {
            throw AwsError.invalid("The referenced task was not found.");
        }
        w.faults().beforeStop(t.id, Wire.task(t, false), w.now());
        w.stopTask(t, caller, text(req, "reason"));
        ObjectNode out = Json.obj();
        out.set("task", Wire.task(t, false));
        w.cloudTrail(caller, "StopTask", req, out);
        return out;
    }

    private static JsonNode updateService(EcsWorld w, String caller, ObjectNode req) {
        Cluster c = w.requireCluster(text(req, "cluster"));
        Service s = c.requireService(required(req, "service"));
        Integer desired = integer(req, "desiredCount");
        if (desired != null && desired < 0) {
            throw AwsError.invalid("Desired count must be a non-negative integer.");
        }
        String tdRef = text(req, "taskDefinition");
        TaskDef td = tdRef == null ? null : w.resolveTaskDef(tdRef);
        Integer min = null;
        Integer max = null;
        Boolean breaker = null;
        Boolean rollback = null;
        JsonNode config = req.get("deploymentConfiguration");
        if (config != null && config.isObject()) {
            min = integer((ObjectNode) config, "minimumHealthyPercent");
            max = integer((ObjectNode) config, "maximumPercent");
            JsonNode cb = config.get("deploymentCircuitBreaker");
            if (cb != null && cb.isObject()) {
                breaker = bool((ObjectNode) cb, "enable");
                rollback = bool((ObjectNode) cb, "rollback");
            }
            if (max != null && min != null && max <= min && min > 0) {
                throw AwsError.invalid("The maximumPercent must be greater than minimumHealthyPercent.");
            }
        }
        Boolean force = bool(req, "forceNewDeployment");
        w.updateService(s, td, desired, bool(req, "enableExecuteCommand"), Boolean.TRUE.equals(force), min, max,
                breaker, rollback);
        ObjectNode out = Json.obj();
        out.set("service", Wire.service(s, w.tasksOf(s)));
        w.change(s.name, "UpdateService by " + caller + " " + Json.write(req));
        w.cloudTrail(caller, "UpdateService", req, out);
        return out;
    }

    private static JsonNode tagResource(EcsWorld w, ObjectNode req) {
        Map<String, String> tags = taggable(w, required(req, "resourceArn"));
        JsonNode list = req.get("tags");
        if (list == null || !list.isArray()) {
            throw AwsError.invalid("Tags cannot be empty.");
        }
        for (JsonNode tag : list) {
            tags.put(tag.path("key").asText(), tag.path("value").asText());
        }
        return Json.obj();
    }

    private static Map<String, String> taggable(EcsWorld w, String arn) {
        if (arn.contains(":cluster/")) {
            return w.requireCluster(arn).tags;
        }
        if (arn.contains(":service/")) {
            String[] parts = arn.substring(arn.indexOf(":service/") + ":service/".length()).split("/");
            if (parts.length == 2) {
                Cluster c = w.findCluster(parts[0]);
                Service s = c == null ? null : c.services.get(parts[1]);
                if (s != null) {
                    return s.tags;
                }
            }
        }
        throw AwsError.invalid("The specified resource could not be found.");
    }

    private static ObjectNode page(ObjectNode req, List<String> all, String field) {
        Integer max = integer(req, "maxResults");
        int limit = max == null ? 100 : max;
        if (limit < 1 || limit > 100) {
            throw AwsError.invalid("maxResults must be between 1 and 100.");
        }
        int from = 0;
        String token = text(req, "nextToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token.substring(token.indexOf('-') + 1));
            } catch (RuntimeException e) {
                throw AwsError.invalid("Invalid nextToken.");
            }
        }
        ObjectNode out = Json.obj();
        ArrayNode items = out.putArray(field);
        int end = Math.min(all.size(), from + limit);
        for (int i = from; i < end; i++) {
            items.add(all.get(i));
        }
        if (end < all.size()) {
            out.put("nextToken", "page-" + end);
        }
        return out;
    }

    static String text(ObjectNode req, String field) {
        return member(req, field, JsonNode::isTextual, "a string", JsonNode::asText);
    }

    static String required(ObjectNode req, String field) {
        String v = text(req, field);
        if (v == null || v.isBlank()) {
            throw AwsError.invalid(field + " can not be blank.");
        }
        return v;
    }

    static Integer integer(ObjectNode req, String field) {
        return member(req, field, JsonNode::isIntegralNumber, "an integer", JsonNode::asInt);
    }

    static Long longValue(ObjectNode req, String field) {
        return member(req, field, JsonNode::isIntegralNumber, "an integer", JsonNode::asLong);
    }

    static Boolean bool(ObjectNode req, String field) {
        return member(req, field, JsonNode::isBoolean, "a boolean", JsonNode::asBoolean);
    }

    static List<String> strings(ObjectNode req, String field) {
        List<String> out = new ArrayList<>();
        JsonNode list = member(req, field, JsonNode::isArray, "a list", n -> n);
        if (list != null) {
            list.forEach(x -> out.add(x.asText()));
        }
        return out;
    }

    /** A member of the request as {@code value} reads it; null when absent, a SerializationException when mistyped. */
    private static <T> T member(ObjectNode req, String field, Predicate<JsonNode> is, String expected,
                                Function<JsonNode, T> value) {
        JsonNode n = req.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!is.test(n)) {
            throw new AwsError(400, "SerializationException", "Expected " + expected + " for " + field);
        }
        return value.apply(n);
    }
}
