package dev.ecsmedic.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Scenarios in which a CloudWatch alarm, not an ECS event, brings ecs-medic to a service: the lock-error alarm
 * template.yaml ships, a metric-math alarm on a healthy service, and an alarm that names no service.
 */
public final class AlarmScenarios {
    public static final String ALARM_DETAIL_TYPE = "CloudWatch Alarm State Change";
    public static final String LOCK_ERROR_PATTERN = "lock DB directory: resource temporarily unavailable";
    public static final String LOCK_ALARM = "ecs-medic-" + Scenarios.CLUSTER + "-" + Scenarios.PROMETHEUS
            + "-lock-errors";
    public static final String LOCK_METRIC = "LockErrors-" + Scenarios.CLUSTER + "-" + Scenarios.PROMETHEUS;
    public static final String TASK_COUNT_ALARM = "ecs-medic-" + Scenarios.CLUSTER + "-" + Scenarios.WEB
            + "-task-count";
    public static final String ERRORS_ALARM = "ecs-medic-" + Scenarios.CLUSTER + "-error-lines";
    /** Alarms made during setup have been evaluated (and are OK) by t0, as alarms made long before would be. */
    private static final Duration EVALUATED = Duration.ofMinutes(2);

    private AlarmScenarios() {
    }

    /**
     * The alarm path alone: as if the event-driven rules and the schedules were switched off, only the alarm
     * function receives events.
     */
    public static final Scenario.Deployment ALARM_PATH_ONLY = new Scenario.Deployment(Map.of(),
            java.util.Set.of("AlarmRemediatorFunction"));

    public static List<Scenario> all() {
        return List.of(alarmLockErrors(), alarmUnrelated(), alarmUnresolvable()).stream()
                .map(s -> s.withDeployment(ALARM_PATH_ONLY)).toList();
    }

    public static Scenario byName(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no scenario " + name));
    }

    /** The metric filter template.yaml puts on the watched service's log group (LockAlarmLogGroupName). */
    public static MetricFilterSpec lockErrorFilter() {
        return MetricFilterSpec.counting(Scenarios.PROMETHEUS_LOG_GROUP, "\"" + LOCK_ERROR_PATTERN + "\"",
                "ecs-medic", LOCK_METRIC);
    }

    /** The alarm template.yaml ships for LockAlarmServiceName: fires on the first lock error of a minute. */
    public static MetricAlarmSpec lockErrorAlarm() {
        return MetricAlarmSpec.single(LOCK_ALARM, Scenarios.PROMETHEUS + " in " + Scenarios.CLUSTER + " logged '"
                        + LOCK_ERROR_PATTERN + "'.", new MetricAlarmSpec.Metric("ecs-medic", LOCK_METRIC, Map.of()),
                "Sum", 60, 1, "GreaterThanOrEqualToThreshold", "notBreaching",
                Map.of("ecs-medic:cluster", Scenarios.CLUSTER, "ecs-medic:service", Scenarios.PROMETHEUS,
                        "ecs-medic:action", "stale-lock"));
    }

    public static Scenario alarmLockErrors() {
        return new Scenario("alarm-lock-errors",
                "The Prometheus incident with the ECS event rules switched off: only the lock-error alarm from the"
                        + " logs reaches ecs-medic. Expected: the old task stopped through the alarm path, the"
                        + " deployment COMPLETED without a person.",
                Scenarios.CLUSTER, Scenarios.PROMETHEUS, Scenarios.prometheusWorld().andThen(w -> {
                    w.cloudWatch().putMetricFilter(lockErrorFilter());
                    w.cloudWatch().putMetricAlarm(lockErrorAlarm());
                    w.advance(EVALUATED);
                }),
                List.of(Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, Scenarios.CLUSTER, Scenarios.PROMETHEUS)),
                Duration.ofMinutes(20), r -> {
                    RunSummary s = r.summary();
                    boolean alarmed = alarmEvents(r) > 0;
                    boolean byFunction = s.stoppedTasks().stream().anyMatch(t -> r.functionIds().contains(t.stoppedBy()));
                    boolean manual = s.stoppedTasks().stream().anyMatch(t -> t.stoppedBy().equals(Scenario.operator()));
                    return new Verdict(alarmed && byFunction && !manual && s.completed(), Scenarios.outcome(r),
                            alarmEvents(r) + " alarm event(s); " + s.describe());
                });
    }

    /**
     * A metric-math alarm over Container Insights task counts of the healthy web service, created at t0, goes to
     * ALARM. Expected: the reconcile finds nothing to do and says so.
     */
    public static Scenario alarmUnrelated() {
        Map<String, String> web = Map.of("ClusterName", Scenarios.CLUSTER, "ServiceName", Scenarios.WEB);
        MetricAlarmSpec alarm = new MetricAlarmSpec(TASK_COUNT_ALARM, "web runs or starts two or more tasks.",
                List.of(MetricAlarmSpec.Query.expression("e1", "SUM([m1, m2])", "web tasks"),
                        MetricAlarmSpec.Query.metric("m1", new MetricAlarmSpec.Metric(CloudWatch.CONTAINER_INSIGHTS,
                                "RunningTaskCount", web), 60, "Average", false),
                        MetricAlarmSpec.Query.metric("m2", new MetricAlarmSpec.Metric(CloudWatch.CONTAINER_INSIGHTS,
                                "PendingTaskCount", web), 60, "Average", false)),
                2, "GreaterThanOrEqualToThreshold", 1, 1, "missing", Map.of());
        return new Scenario("alarm-unrelated",
                "A metric-math alarm on the web service's task counts fires while web is healthy. Expected: no"
                        + " action, and the report says why.",
                Scenarios.CLUSTER, Scenarios.WEB, w -> {
                    w.cluster(Scenarios.CLUSTER);
                    w.registerTaskDefinition(Scenarios.webTaskDefinition());
                    w.createService(ServiceSpec.of(Scenarios.CLUSTER, Scenarios.WEB, Scenarios.WEB, 2)
                            .withDeployment(100, 200, true, true));
                },
                List.of(new Scenario.ScriptStep(Duration.ZERO, "operator creates alarm " + TASK_COUNT_ALARM,
                        w -> w.cloudWatch().putMetricAlarm(alarm))),
                Duration.ofMinutes(3), r -> quietVerdict(r, false));
    }

    /** An alarm on error lines of the Prometheus log group, with no dimensions and no tags, during the incident. */
    public static Scenario alarmUnresolvable() {
        MetricAlarmSpec alarm = MetricAlarmSpec.single(ERRORS_ALARM, "Error lines in the dev cluster.",
                new MetricAlarmSpec.Metric("dev", "ErrorLines", Map.of()), "Sum", 60, 1,
                "GreaterThanOrEqualToThreshold", "notBreaching", Map.of());
        return new Scenario("alarm-unresolvable",
                "The incident, seen only through an alarm on error lines that has no dimensions and no tags."
                        + " Expected: no action, the reason given, and not one ECS call.",
                Scenarios.CLUSTER, Scenarios.PROMETHEUS, Scenarios.prometheusWorld().andThen(w -> {
                    w.cloudWatch().putMetricFilter(MetricFilterSpec.counting(Scenarios.PROMETHEUS_LOG_GROUP,
                            "level=error", "dev", "ErrorLines"));
                    w.cloudWatch().putMetricAlarm(alarm);
                    w.advance(EVALUATED);
                }),
                List.of(Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, Scenarios.CLUSTER, Scenarios.PROMETHEUS)),
                Duration.ofMinutes(5), r -> quietVerdict(r, true));
    }

    private static Verdict quietVerdict(RunResult r, boolean noEcsCalls) {
        long alarms = alarmEvents(r);
        boolean quiet = r.summary().functionWrites().isEmpty();
        boolean invoked = !r.invocations().isEmpty();
        boolean ecsUntouched = r.callsByFunctions().stream().noneMatch(c -> c.service().equals("ecs"));
        boolean passed = alarms > 0 && invoked && quiet && (!noEcsCalls || ecsUntouched);
        return new Verdict(passed, quiet ? "NO_ACTION" : "UNNEEDED_ACTION", alarms + " alarm event(s), "
                + r.invocations().size() + " invocation(s), function calls "
                + r.callsByFunctions().stream().map(c -> c.service() + "." + c.operation()).toList());
    }

    private static long alarmEvents(RunResult r) {
        return r.timeline().stream().filter(e -> e.kind() == TimelineEntry.Kind.EVENT
                && e.subject().equals(ALARM_DETAIL_TYPE)).count();
    }
}
