package dev.ecsmedic.testkit;

import dev.ecsmedic.testkit.ContainerSpec.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The built-in scenarios, starting with the 2025-11-13 Prometheus incident: a rolling deployment deadlocked on the
 * EFS lock of a single-writer service, and the cases a remediation must leave alone.
 */
public final class Scenarios {
    public static final String CLUSTER = "observability";
    public static final String PROMETHEUS = "prometheus";
    public static final String WEB = "web";
    public static final String PROMETHEUS_LOG_GROUP = "/ecs/observability/prometheus";
    public static final String EFS_ID = "fs-0a1b2c3d4e5f67890";

    private Scenarios() {
    }

    /** Every built-in scenario: the stale-lock ones here, then the alarm and exec ones. */
    public static List<Scenario> all() {
        return Stream.of(List.of(prometheusEfsLock(), singleWriterWaits(), healthyRollout(), crashNotLock(),
                        oomNotLock(), dryRun()),
                AlarmScenarios.all(), ExecScenarios.all()).flatMap(List::stream).toList();
    }

    public static Scenario byName(String name) {
        String base = name.endsWith("/recreate") ? name.substring(0, name.length() - "/recreate".length()) : name;
        Scenario found = all().stream().filter(s -> s.name().equals(base)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no scenario '" + name + "' (see: ecs-medic simulate --list)"));
        return name.endsWith("/recreate") ? found.recreate() : found;
    }

    /** The Prometheus task definition of the incident: TSDB on EFS, health check on /-/healthy, awslogs. */
    public static TaskDefinitionSpec prometheusTaskDefinition() {
        return TaskDefinitionSpec.of(PROMETHEUS,
                        ContainerSpec.of("prometheus", "prom/prometheus:v2.47.0",
                                        ContainerBehavior.prometheusOnEfs("prometheus-data"))
                                .withHealthCheck(HealthCheck.http("http://localhost:9090/-/healthy",
                                        Duration.ofSeconds(15)))
                                .withLogs(PROMETHEUS_LOG_GROUP, "prometheus")
                                .withMount("prometheus-data", "/prometheus")
                                .withLinux(false, true))
                .withEfsVolume("prometheus-data", EFS_ID, "/prometheus");
    }

    /** The incident's world before t0: one healthy Prometheus task, exec just enabled on the service. */
    public static Consumer<EcsWorld> prometheusWorld() {
        return w -> {
            w.cluster(CLUSTER);
            w.registerTaskDefinition(prometheusTaskDefinition());
            w.createService(ServiceSpec.of(CLUSTER, PROMETHEUS, PROMETHEUS, 1).withDeployment(100, 200, true, true));
            w.settle(Duration.ofMinutes(5));
            w.call(Scenario.operator(), "ecs", "UpdateService", Json.write(Json.obj().put("cluster", CLUSTER)
                    .put("service", PROMETHEUS).put("enableExecuteCommand", true)));
        };
    }

    public static Scenario prometheusEfsLock() {
        return new Scenario("prometheus-efs-lock",
                "One Prometheus task holds the EFS lock; a forced deployment (100/200, circuit breaker with rollback)"
                        + " starts a new task that cannot take the lock. Expected: the function stops the old task"
                        + " once the lock error is in the logs, and the deployment completes without a person.",
                CLUSTER, PROMETHEUS, prometheusWorld(),
                List.of(Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, CLUSTER, PROMETHEUS)),
                Duration.ofMinutes(20), Scenarios::expectResolved);
    }

    /**
     * A single writer that waits for the lock instead of exiting: the new task logs the lock error and never passes
     * its health check, so ECS keeps replacing it (stopped for failing health checks, exit 143, not exit 1).
     */
    public static Scenario singleWriterWaits() {
        String waiting = "level=error msg=\"cannot open storage, retrying\" err=\"lock DB directory: resource"
                + " temporarily unavailable\"";
        return new Scenario("single-writer-waits",
                "A single writer on EFS that waits for the lock instead of exiting: the new revision logs the lock"
                        + " error and fails its health checks until ECS replaces it. Expected: the function stops the"
                        + " old task once the lock error is in the logs, and the deployment completes.",
                CLUSTER, PROMETHEUS, prometheusWorld().andThen(w -> w.registerRevision(PROMETHEUS,
                        td -> td.withContainers(td.containers().stream()
                                .map(c -> c.withBehavior(ContainerBehavior.waitsForEfsLock("prometheus-data", waiting)))
                                .toList()))),
                List.of(Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, CLUSTER, PROMETHEUS, PROMETHEUS + ":2")),
                Duration.ofMinutes(20), Scenarios::expectResolved);
    }

    public static Scenario dryRun() {
        return new Scenario("dry-run",
                "The incident with the functions in dry-run: they report a plan and change nothing.",
                CLUSTER, PROMETHEUS, prometheusWorld(),
                List.of(Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, CLUSTER, PROMETHEUS)),
                Duration.ofMinutes(10), r -> {
                    boolean quiet = r.summary().functionWrites().isEmpty();
                    boolean reported = r.invocations().stream().anyMatch(i -> !i.text().isBlank());
                    return new Verdict(quiet && reported, quiet ? "PLAN_ONLY" : "ACTED_IN_DRY_RUN",
                            quiet ? r.invocations().size() + " invocations, no writes"
                                    : "functions wrote: " + r.summary().functionWrites());
                }).withDeployment(new Scenario.Deployment(java.util.Map.of("DryRun", "true"), java.util.Set.of()));
    }

    public static Scenario healthyRollout() {
        return new Scenario("healthy-rollout",
                "A stateless service with 2 tasks rolls out a new revision normally. Expected: no function acts.",
                CLUSTER, WEB, w -> {
                    w.cluster(CLUSTER);
                    w.registerTaskDefinition(webTaskDefinition());
                    w.createService(ServiceSpec.of(CLUSTER, WEB, WEB, 2).withDeployment(100, 200, true, true));
                    w.settle(Duration.ofMinutes(5));
                    w.registerRevision(WEB, td -> td);
                },
                List.of(Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, CLUSTER, WEB, WEB + ":2")),
                Duration.ofMinutes(15), r -> {
                    boolean quiet = r.summary().functionWrites().isEmpty();
                    boolean done = r.summary().completed();
                    return new Verdict(quiet && done, quiet ? "NO_ACTION_NEEDED" : "UNNEEDED_ACTION",
                            r.summary().describe());
                });
    }

    public static Scenario crashNotLock() {
        return crashing("crash-not-lock",
                "The new Prometheus revision exits 1 with a configuration error, not the lock error.",
                ContainerBehavior.crashAtStart("ts=2025-11-13T22:32:37.042Z caller=main.go:482 level=error "
                        + "msg=\"Error loading config (--config.file=/etc/prometheus/prometheus.yml)\" "
                        + "err=\"parsing YAML file /etc/prometheus/prometheus.yml: yaml: line 12: mapping values are"
                        + " not allowed in this context\""));
    }

    public static Scenario oomNotLock() {
        return crashing("crash-not-lock-oom",
                "The new Prometheus revision is killed for memory (exit 137), not blocked by the lock.",
                ContainerBehavior.outOfMemory());
    }

    /**
     * The circuit breaker is off here so the crash loop lasts the whole run; with rollback on, the rollback task
     * would meet the lock and the stale-lock case would begin.
     */
    private static Scenario crashing(String name, String description, ContainerBehavior behavior) {
        return new Scenario(name, description + " Expected: the old task is never stopped.", CLUSTER, PROMETHEUS,
                prometheusWorld().andThen(w -> {
                    w.setDeploymentConfiguration(CLUSTER, PROMETHEUS, 100, 200);
                    w.call(Scenario.operator(), "ecs", "UpdateService", Json.write(Json.obj().put("cluster", CLUSTER)
                            .put("service", PROMETHEUS).set("deploymentConfiguration", Json.obj()
                                    .set("deploymentCircuitBreaker", Json.obj().put("enable", false)
                                            .put("rollback", false)))));
                    w.registerRevision(PROMETHEUS, td -> td.withContainers(td.containers().stream()
                            .map(c -> c.withBehavior(behavior)).toList()));
                }),
                List.of(Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, CLUSTER, PROMETHEUS, PROMETHEUS + ":2")),
                Duration.ofMinutes(10), r -> {
                    boolean oldKept = r.summary().stoppedTasks().stream()
                            .noneMatch(s -> r.functionIds().contains(s.stoppedBy()));
                    return new Verdict(oldKept && r.summary().functionWrites().isEmpty(),
                            oldKept ? "NO_ACTION_NEEDED" : "WRONG_TASK_STOPPED", r.summary().describe());
                });
    }

    public static TaskDefinitionSpec webTaskDefinition() {
        return TaskDefinitionSpec.of(WEB, ContainerSpec.of("web", "public.ecr.aws/nginx/nginx:1.27",
                        ContainerBehavior.steady()).withLogs("/ecs/observability/web", "web"),
                ContainerSpec.of("log-router", "public.ecr.aws/aws-observability/aws-for-fluent-bit:stable",
                        ContainerBehavior.steady()).sidecar());
    }

    /** Generic outcome of any run, for baselines without functions: RESOLVED, DEADLOCK, FAILED or ROLLED_BACK. */
    public static String outcome(RunResult r) {
        return switch (r.summary().finalRolloutState()) {
            case "COMPLETED" -> "RESOLVED";
            case "IN_PROGRESS" -> "DEADLOCK";
            default -> r.summary().finalRolloutState();
        };
    }

    private static Verdict expectResolved(RunResult r) {
        RunSummary s = r.summary();
        boolean byFunction = s.stoppedTasks().stream().anyMatch(t -> r.functionIds().contains(t.stoppedBy()));
        boolean manual = s.stoppedTasks().stream().anyMatch(t -> t.stoppedBy().equals(Scenario.operator()));
        boolean passed = s.completed() && byFunction && !manual;
        return new Verdict(passed, outcome(r), s.describe());
    }
}
