package dev.ecsmedic.core.event;

import dev.ecsmedic.core.event.Trigger.AlarmChange;
import dev.ecsmedic.core.event.Trigger.Ignored;
import dev.ecsmedic.core.event.Trigger.ServiceCheck;
import dev.ecsmedic.core.event.Trigger.Sweep;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the bytes of an EventBridge event into a {@link Trigger}. Never throws and never guesses: input it
 * cannot read, or reads but does not handle, becomes {@link Ignored} with the reason.
 */
public final class EventParser {

    /** EventBridge delivers to Lambda asynchronously, and asynchronous payloads are limited to 256 KB. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;

    private EventParser() {}

    public static Trigger parse(byte[] bytes) {
        if (bytes.length > MAX_EVENT_BYTES) {
            return new Ignored(Origin.unknown("oversized input"),
                    "event larger than the " + MAX_EVENT_BYTES + "-byte limit; not read (the handler reads no more"
                            + " than one byte past it, so its size is not known)");
        }
        Json root;
        try {
            root = Json.parse(bytes);
        } catch (IOException e) {
            return new Ignored(Origin.unknown("malformed input"), "input is not JSON: " + firstLine(e));
        }
        if (!root.isObject()) {
            return new Ignored(Origin.unknown("malformed input"), "input is not a JSON object");
        }
        EventEnvelope event;
        try {
            event = EventEnvelope.from(root);
        } catch (IllegalArgumentException e) {
            return new Ignored(Origin.unknown("malformed input"), "not an EventBridge event: " + firstLine(e));
        }
        try {
            return dispatch(event);
        } catch (IllegalArgumentException e) {
            return new Ignored(Origin.of(event, "malformed detail"),
                    "cannot read the detail of " + describe(event) + ": " + firstLine(e));
        }
    }

    private static Trigger dispatch(EventEnvelope event) {
        if (event.detail() == null || !event.detail().isObject()) {
            return new Ignored(Origin.of(event, "no detail"), describe(event) + " has no detail object");
        }
        String key = event.source() + "|" + event.detailType();
        return switch (key) {
            case "aws.ecs|ECS Task State Change" -> taskStateChange(event);
            case "aws.ecs|ECS Deployment State Change" -> serviceEvent(event, "deployment");
            case "aws.ecs|ECS Service Action" -> serviceEvent(event, "service action");
            case "aws.ecs|AWS API Call via CloudTrail" -> cloudTrail(event);
            case "aws.cloudwatch|CloudWatch Alarm State Change" -> alarm(event);
            case "aws.events|Scheduled Event" -> new Sweep(Origin.of(event, "schedule " + first(event.resources())));
            default -> new Ignored(Origin.of(event, "unhandled event"), "unhandled event type " + describe(event));
        };
    }

    private static Trigger taskStateChange(EventEnvelope event) {
        TaskStateChange task = TaskStateChange.from(event.detail());
        if (blank(task.taskArn()) || blank(task.clusterArn())) {
            return new Ignored(Origin.of(event, "malformed detail"), "task state change without taskArn or clusterArn");
        }
        String id = Arns.taskId(task.taskArn());
        String cause = "task " + id + " " + task.lastStatus()
                + (blank(task.stopCode()) ? "" : " (" + task.stopCode() + ")")
                + (blank(task.startedBy()) ? "" : " started by " + task.startedBy());
        Origin origin = Origin.of(event, cause);
        if (!Arns.isTask(task.taskArn())) {
            return new Ignored(origin, "taskArn '" + Names.shown(task.taskArn()) + "' is not an ECS task ARN");
        }
        String cluster = Arns.clusterName(task.clusterArn());
        if (Arns.taskCluster(task.taskArn()).filter(c -> !c.equals(cluster)).isPresent()) {
            return new Ignored(origin, "taskArn " + task.taskArn() + " is not a task of cluster "
                    + Names.shown(task.clusterArn()));
        }
        String group = task.group();
        if (!group.startsWith("service:") || group.length() == "service:".length()) {
            return new Ignored(origin, "task " + id + " is not a service task (group '" + group + "')");
        }
        return serviceCheck(origin, cluster, group.substring("service:".length()),
                List.of(task.taskArn()), Optional.empty(), places(event, "clusterArn", task.clusterArn(), "taskArn",
                task.taskArn()));
    }

    /** Deployment and service-action events name the service only in resources[0]. */
    private static Trigger serviceEvent(EventEnvelope event, String kind) {
        String name = event.detail().path("eventName").asText("");
        Origin origin = Origin.of(event, kind + " " + name
                + optional(event.detail().path("deploymentId").asText("")).map(d -> " " + d).orElse(""));
        Optional<String> serviceArn = event.resources().stream().filter(r -> Arns.service(r).isPresent()).findFirst();
        if (serviceArn.isEmpty()) {
            return new Ignored(origin, kind + " event names no service ARN in resources");
        }
        Arns.ClusterService cs = Arns.service(serviceArn.get()).orElseThrow();
        String clusterArn = Json.text(event.detail(), "clusterArn");
        if (!clusterArn.isEmpty() && !Arns.clusterName(clusterArn).equals(cs.cluster())) {
            return new Ignored(origin, kind + " event names service " + serviceArn.get() + " and clusterArn "
                    + Names.shown(clusterArn) + ", another cluster");
        }
        return serviceCheck(origin, cs.cluster(), cs.service(), List.of(), Optional.empty(), places(event,
                "resources[]", serviceArn.get(), "clusterArn", clusterArn));
    }

    private static Trigger cloudTrail(EventEnvelope event) {
        Json detail = event.detail();
        String name = detail.path("eventName").asText("");
        Origin origin = Origin.of(event, "CloudTrail " + name + " by "
                + detail.path("userIdentity").path("arn").asText("unknown caller"));
        if (!"ecs.amazonaws.com".equals(detail.path("eventSource").asText(""))) {
            return new Ignored(origin, "CloudTrail event from " + detail.path("eventSource").asText("?")
                    + ", not ecs.amazonaws.com");
        }
        if (detail.hasNonNull("errorCode")) {
            return new Ignored(origin, name + " failed with " + detail.path("errorCode").asText() + "; nothing changed");
        }
        Json request = detail.path("requestParameters");
        String service = switch (name) {
            case "UpdateService" -> request.path("service").asText("");
            case "CreateService" -> request.path("serviceName").asText("");
            default -> "";
        };
        if (service.isEmpty()) {
            return new Ignored(origin, "CloudTrail " + name + " names no service");
        }
        String cluster = request.path("cluster").asText("");
        Optional<Instant> execEnabledAt = request.path("enableExecuteCommand").asBoolean(false)
                ? instant(detail.path("eventTime").asText(event.time()))
                : Optional.empty();
        List<Place> places = places(event, "requestParameters.cluster", cluster, "requestParameters.service",
                service);
        places.add(new Place("CloudTrail record", "", Json.text(detail, "awsRegion"),
                Json.text(detail, "recipientAccountId")));
        Optional<Arns.ClusterService> fromArn = Arns.service(service);
        if (fromArn.isPresent()) {
            if (!cluster.isEmpty() && !Arns.clusterName(cluster).equals(fromArn.get().cluster())) {
                return new Ignored(origin, name + " names cluster " + cluster + " and service " + service
                        + " of another cluster");
            }
            return serviceCheck(origin, fromArn.get().cluster(), fromArn.get().service(), List.of(),
                    execEnabledAt, places);
        }
        if (service.startsWith("arn:")) {
            return new Ignored(origin, name + " names service " + service + ", which is not a service ARN");
        }
        return serviceCheck(origin, cluster.isEmpty() ? "default" : Arns.clusterName(cluster), service, List.of(),
                execEnabledAt, places);
    }

    /** A check of the named service, or why the names cannot be an ECS cluster and service. */
    private static Trigger serviceCheck(Origin origin, String cluster, String service, List<String> hints,
                                        Optional<Instant> execEnabledAt, List<Place> places) {
        return Names.invalid(cluster, service).<Trigger>map(why -> new Ignored(origin, "the event's " + why))
                .orElseGet(() -> new ServiceCheck(origin, cluster, service, hints, execEnabledAt, places));
    }

    /** The envelope's account and region, and the place of each ARN given as (field, value) pairs. */
    private static List<Place> places(EventEnvelope event, String... fieldsAndArns) {
        List<Place> places = new ArrayList<>();
        places.add(new Place("the event", "", event.region(), event.account()));
        for (int i = 0; i < fieldsAndArns.length; i += 2) {
            Place.ofArn(fieldsAndArns[i], fieldsAndArns[i + 1]).ifPresent(places::add);
        }
        return places;
    }

    private static Optional<Instant> instant(String iso) {
        try {
            return Optional.of(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Trigger alarm(EventEnvelope event) {
        Json detail = event.detail();
        String alarmName = detail.path("alarmName").asText("");
        String state = detail.path("state").path("value").asText("");
        Origin origin = Origin.of(event, "alarm " + alarmName + " " + detail.path("previousState").path("value")
                .asText("?") + " -> " + state);
        if (alarmName.isEmpty() || state.isEmpty()) {
            return new Ignored(origin, "alarm state change without alarmName or state");
        }
        List<AlarmStateChange.Metric> metrics = new ArrayList<>();
        for (Json m : detail.path("configuration").path("metrics").elements()) {
            Json metric = m.path("metricStat").path("metric");
            Map<String, String> dimensions = new LinkedHashMap<>();
            metric.path("dimensions").fields().forEach((name, value) -> dimensions.put(name, value.asText()));
            metrics.add(new AlarmStateChange.Metric(m.path("id").asText(""), Json.text(m, "accountId"),
                    metric.path("namespace").asText(""),
                    metric.path("name").asText(""), dimensions, m.path("returnData").asBoolean(true)));
        }
        String alarmArn = first(event.resources());
        if (!alarmArn.isEmpty() && !Arns.isAlarm(alarmArn, alarmName)) {
            return new Ignored(origin, "resources[0] '" + Names.shown(alarmArn) + "' is not the ARN of alarm "
                    + alarmName);
        }
        return new AlarmChange(origin, new AlarmStateChange(alarmArn, alarmName, state,
                detail.path("previousState").path("value").asText(""), metrics), places(event, "alarm", alarmArn));
    }

    private static String describe(EventEnvelope event) {
        return "'" + event.detailType() + "' from '" + event.source() + "'";
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? "" : values.get(0);
    }

    private static Optional<String> optional(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
