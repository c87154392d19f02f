package dev.ecsmedic.testkit;

import java.time.Duration;
import java.util.List;

/**
 * What a scenario run came to: how the deployment started at t0 ended and when, how long nothing served, and who
 * stopped which task. {@code settledAfter} is null when the deployment neither completed nor failed in time.
 */
public record RunSummary(
        String scenario,
        String finalRolloutState,
        Duration settledAfter,
        Duration downtime,
        List<EcsWorld.TaskStop> stoppedTasks,
        int forcedDeployments,
        int invocations,
        List<EcsWorld.ApiCall> functionWrites) {

    public RunSummary {
        stoppedTasks = List.copyOf(stoppedTasks);
        functionWrites = List.copyOf(functionWrites);
    }

    public boolean completed() {
        return "COMPLETED".equals(finalRolloutState);
    }

    public List<EcsWorld.TaskStop> stoppedBy(String caller) {
        return stoppedTasks.stream().filter(s -> s.stoppedBy().equals(caller)).toList();
    }

    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(scenario).append(": deployment ").append(finalRolloutState);
        b.append(settledAfter == null ? " (did not settle)" : " after " + settledAfter.toSeconds() + " s");
        b.append(", downtime ").append(downtime.toSeconds()).append(" s");
        b.append(", forced deployments ").append(forcedDeployments);
        b.append(", invocations ").append(invocations);
        b.append(", writes by functions ").append(functionWrites.size());
        for (EcsWorld.TaskStop s : stoppedTasks) {
            b.append("\n  task ").append(s.taskId(), 0, 8).append(" (").append(s.deploymentId()).append(") stopped by ")
                    .append(s.stoppedBy()).append(": ").append(s.stopCode()).append(" - ").append(s.reason());
        }
        return b.toString();
    }
}
