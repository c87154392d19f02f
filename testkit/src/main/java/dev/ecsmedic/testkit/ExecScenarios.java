package dev.ecsmedic.testkit;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The incident's second half: ECS Exec enabled on a service whose tasks were started without it. A good
 * remediation forces exactly one deployment, lets the stale-lock remediation clear the EFS lock that deployment
 * meets, and reports instead of forcing again when the exec agent still cannot connect.
 */
public final class ExecScenarios {
    public static final String EXEC_FUNCTION = "ExecRolloutFunction";

    private ExecScenarios() {
    }

    public static List<Scenario> all() {
        return List.of(execEnable(), execEnablePrometheus(), execAgentNotRunning(), execEnabledDuringRollout(),
                execEnabledDuringLoneRollout());
    }

    /** The operator's UpdateService that enables exec, recorded by CloudTrail as the incident's Terraform did. */
    public static Scenario.ScriptStep enableExec(Duration at, String cluster, String service) {
        return new Scenario.ScriptStep(at, "operator enables ECS Exec on " + service,
                w -> w.call(EcsApi.OPERATOR, "ecs", "UpdateService", Json.write(Json.obj().put("cluster", cluster)
                        .put("service", service).put("enableExecuteCommand", true))));
    }

    /** A stateless service of two tasks with init processes, so every readiness check can pass. */
    public static TaskDefinitionSpec execReadyWeb() {
        TaskDefinitionSpec web = Scenarios.webTaskDefinition();
        return web.withContainers(web.containers().stream().map(c -> c.withLinux(false, true)).toList());
    }

    public static Scenario execEnable() {
        return new Scenario("exec-enable",
                "Two web tasks run without ECS Exec; the operator enables it on the service. Expected: exactly one"
                        + " forced deployment, every running task has exec, the exec agents connect.",
                Scenarios.CLUSTER, Scenarios.WEB, rollingService(Scenarios.WEB, execReadyWeb(), 2),
                List.of(enableExec(Duration.ZERO, Scenarios.CLUSTER, Scenarios.WEB)),
                Duration.ofMinutes(10), ExecScenarios::expectOneForcedRollout);
    }

    public static Scenario execEnablePrometheus() {
        return new Scenario("exec-enable-prometheus",
                "The incident: exec enabled on the Prometheus service on EFS (100/200, circuit breaker). Expected:"
                        + " one forced deployment, its new task meets the EFS lock, the stale-lock remediation stops"
                        + " the old task, the deployment completes with exec on the new task, no person acts.",
                Scenarios.CLUSTER, Scenarios.PROMETHEUS,
                rollingService(Scenarios.PROMETHEUS, Scenarios.prometheusTaskDefinition(), 1),
                List.of(enableExec(Duration.ZERO, Scenarios.CLUSTER, Scenarios.PROMETHEUS)),
                Duration.ofMinutes(20), r -> {
                    Verdict rollout = expectOneForcedRollout(r);
                    boolean lockCleared = r.summary().stoppedTasks().stream()
                            .anyMatch(s -> r.functionIds().contains(s.stoppedBy()) && s.stopCode().equals("UserInitiated"));
                    boolean manual = r.summary().stoppedTasks().stream()
                            .anyMatch(s -> s.stoppedBy().equals(Scenario.operator()));
                    boolean passed = rollout.passed() && lockCleared && !manual;
                    return new Verdict(passed, passed ? "RESOLVED" : lockCleared ? rollout.outcome() : "DEADLOCK",
                            r.summary().describe());
                });
    }

    public static Scenario execAgentNotRunning() {
        return new Scenario("exec-agent-not-running",
                "Exec enabled on a service whose task role lacks the ssmmessages permissions. Expected: one forced"
                        + " deployment, then a report naming the missing permissions, and no second deployment.",
                Scenarios.CLUSTER, Scenarios.WEB,
                rollingService(Scenarios.WEB, execReadyWeb().withoutSsmMessagesPermissions(), 2),
                List.of(enableExec(Duration.ZERO, Scenarios.CLUSTER, Scenarios.WEB)),
                Duration.ofMinutes(10), ExecScenarios::expectOneForcedRollout);
    }

    /**
     * An operator deploys a new revision of the web service (100/150: one new task at a time) and enables exec ten
     * seconds later, while the rollout runs: its first new task started without exec, its second with it. CloudTrail's
     * record arrives during the rollout. Expected: once the rollout completes, one forced deployment gives every task
     * exec, without waiting for the cool-down.
     */
    public static Scenario execEnabledDuringRollout() {
        return new Scenario("exec-enabled-during-rollout",
                "Exec enabled on the web service while a deployment of a new revision is in progress. Expected: when"
                        + " that rollout completes with a task started before exec was enabled, exactly one forced"
                        + " deployment gives every task exec.",
                Scenarios.CLUSTER, Scenarios.WEB, rollingService(Scenarios.WEB, execReadyWeb(), 2).andThen(w -> {
                    w.setDeploymentConfiguration(Scenarios.CLUSTER, Scenarios.WEB, 100, 150);
                    w.registerRevision(Scenarios.WEB, td -> td);
                }),
                List.of(Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, Scenarios.CLUSTER, Scenarios.WEB,
                                Scenarios.WEB + ":2"),
                        enableExec(Duration.ofSeconds(10), Scenarios.CLUSTER, Scenarios.WEB)),
                Duration.ofMinutes(10), ExecScenarios::expectOneForcedRollout);
    }

    /**
     * One web task; an operator deploys a new revision and enables exec ten seconds later, while the rollout's only
     * new task is starting: no task the rollout leaves has exec, so none shows when exec was enabled. CloudTrail's
     * record arrives during the rollout. Expected: once it completes, one forced deployment gives the task exec,
     * without waiting for the cool-down (the record's time is kept until then).
     */
    public static Scenario execEnabledDuringLoneRollout() {
        return new Scenario("exec-enabled-during-lone-rollout",
                "Exec enabled on a one-task web service while a deployment of a new revision is in progress. Expected:"
                        + " when that rollout completes with its only task started before exec was enabled, exactly one"
                        + " forced deployment gives it exec, before the cool-down ends.",
                Scenarios.CLUSTER, Scenarios.WEB, rollingService(Scenarios.WEB, execReadyWeb(), 1).andThen(w ->
                        w.registerRevision(Scenarios.WEB, td -> td)),
                List.of(Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, Scenarios.CLUSTER, Scenarios.WEB,
                                Scenarios.WEB + ":2"),
                        enableExec(Duration.ofSeconds(10), Scenarios.CLUSTER, Scenarios.WEB)),
                Duration.ofMinutes(10), ExecScenarios::expectOneForcedRollout);
    }

    /** A service without exec, rolling 100/200 with the circuit breaker, as services are created by default. */
    private static Consumer<EcsWorld> rollingService(String service, TaskDefinitionSpec definition, int tasks) {
        return w -> {
            w.cluster(Scenarios.CLUSTER);
            w.registerTaskDefinition(definition);
            w.createService(ServiceSpec.of(Scenarios.CLUSTER, service, definition.family(), tasks)
                    .withDeployment(100, 200, true, true));
        };
    }

    private static Verdict expectOneForcedRollout(RunResult r) {
        RunSummary s = r.summary();
        boolean once = s.forcedDeployments() == 1;
        boolean passed = once && s.completed();
        return new Verdict(passed, passed ? "EXEC_ROLLED_OUT" : once ? Scenarios.outcome(r)
                : s.forcedDeployments() + "_FORCED_DEPLOYMENTS", s.describe());
    }
}
