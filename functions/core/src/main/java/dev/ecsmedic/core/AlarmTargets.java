package dev.ecsmedic.core;

import dev.ecsmedic.core.event.AlarmStateChange;
import dev.ecsmedic.core.event.Names;
import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.event.Place;
import dev.ecsmedic.core.event.Trigger;
import dev.ecsmedic.core.port.AlarmTagReads;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns an alarm state change into the one service it is about, or into the exact reason it names none. The
 * opt-in is the alarm name prefix: EventBridge rules and IAM resource ARNs can both match a name prefix, while
 * tags are not in the event, so opting in by tag would invoke the function (and read tags) for every alarm.
 * The tags are read for every opted-in alarm: an {@code ecs-medic:action} tag applies however the service is named.
 */
public final class AlarmTargets implements Function<Trigger.AlarmChange, Trigger> {

    static final String CLUSTER_TAG = "ecs-medic:cluster";
    static final String SERVICE_TAG = "ecs-medic:service";
    static final String ACTION_TAG = "ecs-medic:action";
    static final String CLUSTER_DIMENSION = "ClusterName";
    static final String SERVICE_DIMENSION = "ServiceName";

    private final String namePrefix;
    private final Set<String> remediations;
    private final AlarmTagReads tags;

    /**
     * @param namePrefix   only alarms whose name starts with it are acted on
     * @param remediations names of the remediations the function runs; an {@code ecs-medic:action} tag must name one
     */
    public AlarmTargets(String namePrefix, Set<String> remediations, AlarmTagReads tags) {
        if (namePrefix.isBlank()) {
            throw new IllegalArgumentException("the alarm name prefix is empty");
        }
        this.namePrefix = namePrefix;
        this.remediations = new TreeSet<>(remediations);
        this.tags = tags;
    }

    @Override
    public Trigger apply(Trigger.AlarmChange change) {
        AlarmStateChange alarm = change.alarm();
        Origin origin = change.origin();
        if (!alarm.alarmName().startsWith(namePrefix)) {
            return new Trigger.Ignored(origin, "alarm " + alarm.alarmName() + " is not one ecs-medic acts on: its name"
                    + " does not start with " + namePrefix + " (ALARM_NAME_PREFIX)");
        }
        if (!"ALARM".equals(alarm.state())) {
            return new Trigger.Ignored(origin, "alarm " + alarm.alarmName() + " went to " + alarm.state()
                    + "; only ALARM starts a reconcile");
        }
        List<Place> places = new ArrayList<>(change.places());
        for (AlarmStateChange.Metric metric : alarm.metrics()) {
            if (!metric.accountId().isEmpty()) {
                places.add(new Place("metric " + metric.id() + " of alarm " + alarm.alarmName() + " (accountId)", "",
                        "", metric.accountId()));
            }
        }
        Map<Target, List<String>> named = new LinkedHashMap<>();
        List<String> partial = new ArrayList<>();
        for (AlarmStateChange.Metric metric : alarm.metrics()) {
            String cluster = metric.dimensions().getOrDefault(CLUSTER_DIMENSION, "");
            String service = metric.dimensions().getOrDefault(SERVICE_DIMENSION, "");
            if (!cluster.isEmpty() && !service.isEmpty()) {
                named.computeIfAbsent(new Target(cluster, service), t -> new ArrayList<>()).add(metric.id());
            } else if (!service.isEmpty()) {
                partial.add("metric " + metric.id() + " has ServiceName " + service + " but no ClusterName");
            }
        }
        if (named.size() > 1) {
            List<String> each = new ArrayList<>();
            named.forEach((t, ids) -> each.add(t + " (" + String.join(", ", ids) + ")"));
            return new Trigger.Ignored(origin, "alarm " + alarm.alarmName() + " reads metrics of different services: "
                    + String.join(", ", each) + "; ecs-medic acts only when every metric naming a service names the"
                    + " same one");
        }
        if (named.size() == 1) {
            Map.Entry<Target, List<String>> only = named.entrySet().iterator().next();
            return byDimensions(origin, alarm, only.getKey(), "ClusterName and ServiceName dimensions of metric "
                    + String.join(", ", only.getValue()), places);
        }
        return fromTags(origin, alarm, partial, places);
    }

    /** Dimensions name the service; the alarm's tags may still ask for one action, or name another service. */
    private Trigger byDimensions(Origin origin, AlarmStateChange alarm, Target target, String how, List<Place> places) {
        if (alarm.alarmArn().isEmpty()) {
            return target.check(origin, how, places);
        }
        AlarmTagReads.Tags read = tags.of(alarm.alarmArn());
        if (read.unreadable().isPresent()) {
            return new Trigger.Ignored(origin, "alarm " + alarm.alarmName() + " names " + target + " by its " + how
                    + ", but its tags cannot be read, so whether its " + ACTION_TAG + " tag allows this function is"
                    + " unknown: " + read.unreadable().get());
        }
        Target tagged = new Target(read.tags().getOrDefault(CLUSTER_TAG, "").trim(),
                read.tags().getOrDefault(SERVICE_TAG, "").trim());
        if ((!tagged.cluster().isEmpty() && !tagged.cluster().equals(target.cluster()))
                || (!tagged.service().isEmpty() && !tagged.service().equals(target.service()))) {
            return new Trigger.Ignored(origin, "alarm " + alarm.alarmName() + " names " + target + " by its " + how
                    + " but " + tagged + " by its tags; ecs-medic acts only when both name the same service");
        }
        return withAction(origin, alarm, read, target, how, places);
    }

    private Trigger withAction(Origin origin, AlarmStateChange alarm, AlarmTagReads.Tags read, Target target,
                               String how, List<Place> places) {
        String action = read.tags().getOrDefault(ACTION_TAG, "").trim();
        if (!action.isEmpty() && !remediations.contains(action)) {
            return new Trigger.Ignored(origin, "alarm " + alarm.alarmName() + " asks for " + ACTION_TAG + "=" + action
                    + ", which this function does not run (it runs: " + String.join(", ", remediations) + ")");
        }
        return target.check(origin, how + (action.isEmpty() ? "" : " (" + ACTION_TAG + "=" + action + ")"), places);
    }

    private Trigger fromTags(Origin origin, AlarmStateChange alarm, List<String> partial, List<Place> places) {
        String why = "alarm " + alarm.alarmName() + " names no service: "
                + (alarm.metrics().isEmpty() ? "the event lists no metrics"
                : "none of its " + alarm.metrics().size() + " metric(s) has both ClusterName and ServiceName dimensions")
                + partial.stream().map(p -> " (" + p + ")").reduce("", String::concat);
        if (alarm.alarmArn().isEmpty()) {
            return new Trigger.Ignored(origin, why + ", and the event carries no alarm ARN to read its tags");
        }
        AlarmTagReads.Tags read = tags.of(alarm.alarmArn());
        if (read.unreadable().isPresent()) {
            return new Trigger.Ignored(origin, why + ", and its tags cannot be read: " + read.unreadable().get());
        }
        String cluster = read.tags().getOrDefault(CLUSTER_TAG, "").trim();
        String service = read.tags().getOrDefault(SERVICE_TAG, "").trim();
        if (cluster.isEmpty() || service.isEmpty()) {
            List<String> missing = new ArrayList<>();
            if (cluster.isEmpty()) {
                missing.add(CLUSTER_TAG);
            }
            if (service.isEmpty()) {
                missing.add(SERVICE_TAG);
            }
            return new Trigger.Ignored(origin, why + ", and it has no " + String.join(" or ", missing) + " tag"
                    + (read.tags().isEmpty() ? " (it has no tags)" : " (tags: "
                    + String.join(", ", new TreeSet<>(read.tags().keySet())) + ")"));
        }
        return withAction(origin, alarm, read, new Target(cluster, service), "tags " + CLUSTER_TAG + " and "
                + SERVICE_TAG, places);
    }

    private record Target(String cluster, String service) {
        Trigger check(Origin origin, String how, List<Place> places) {
            Optional<String> invalid = Names.invalid(cluster, service);
            if (invalid.isPresent()) {
                return new Trigger.Ignored(origin, "the alarm's " + how + ": " + invalid.get());
            }
            return new Trigger.ServiceCheck(new Origin(origin.source(), origin.detailType(), origin.eventId(),
                    origin.cause() + "; names " + this + " by its " + how), cluster, service, List.of(),
                    Optional.empty(), places);
        }

        @Override
        public String toString() {
            return cluster + "/" + service;
        }
    }
}
