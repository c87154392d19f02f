package dev.ecsmedic.core.policy.properties;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the invariants say about a generated state, read straight from the view as the issue words them, not
 * through the policy's own helpers: which tasks are failing, which lock domains a task mounts, which log line is
 * a task's own.
 */
final class Oracle {

    private Oracle() {}

    static List<TaskView> stopped(ServiceView view, Plan plan) {
        return plan.actions().stream().map(a -> (Action.StopTask) a)
                .map(a -> view.tasks().stream().filter(t -> t.taskArn().equals(a.taskArn())).findFirst()
                        .orElseThrow(() -> new AssertionError("stops a task not in the view: " + a.taskArn())))
                .toList();
    }

    static Deployment primary(ServiceView view) {
        return view.primary().orElseThrow();
    }

    static List<TaskView> primaryTasks(ServiceView view) {
        String id = primary(view).id();
        return view.tasks().stream().filter(t -> id.equals(t.startedBy())).toList();
    }

    /** The lock domains a task takes part in: EFS volumes an essential container mounts, as file system + path. */
    static Set<String> mountedDomains(ServiceView view, TaskView task) {
        Set<String> domains = new LinkedHashSet<>();
        Optional<TaskDefinitionView> definition = view.taskDefinition(task);
        definition.ifPresent(d -> d.efsVolumes().forEach(v -> {
            boolean mounted = d.containers().stream().filter(TaskDefinitionView.ContainerDefinition::essential)
                    .flatMap(c -> c.mountPoints().stream()).anyMatch(m -> m.sourceVolume().equals(v.volumeName()));
            if (mounted) {
                domains.add(v.fileSystemId() + (v.accessPointId().isEmpty() ? v.rootDirectory() : v.accessPointId()));
            }
        }));
        return domains;
    }

    /** How a PRIMARY task failed: a stopped lock holder could explain it, or it could not. */
    enum Cause { LOCK_COULD_EXPLAIN, NOT_THE_LOCK }

    record Failure(Instant at, Cause cause) {}

    /**
     * When and how a PRIMARY task failed in a way that makes a replacement wait, if it did: it stopped after its
     * deployment began, for a health check or an essential container's non-zero exit (or out of memory, killed,
     * failed to start: not the lock), or it runs unhealthy past the grace period.
     */
    static Optional<Failure> failure(ServiceView view, TaskView task, Instant now) {
        if (!task.down()) {
            boolean unhealthyPastGrace = task.running() && task.healthStatus() == HealthStatus.UNHEALTHY
                    && !task.startedAt().or(task::createdAt).orElse(now).plus(ServiceStates.GRACE).isAfter(now);
            return unhealthyPastGrace ? Optional.of(new Failure(now, Cause.LOCK_COULD_EXPLAIN)) : Optional.empty();
        }
        Instant at = task.stoppedAt().orElse(now);
        if (at.isBefore(primary(view).createdAt())) {
            return Optional.empty();
        }
        String reason = task.stoppedReason();
        boolean healthChecks = reason.contains("failed container health checks")
                || reason.contains("failed ELB health checks");
        List<TaskView.ContainerView> essential = task.containers().stream().filter(c -> view.taskDefinition(task)
                .flatMap(d -> d.container(c.name())).map(TaskDefinitionView.ContainerDefinition::essential)
                .orElse(true)).toList();
        if ("TaskFailedToStart".equals(task.stopCode()) || reason.contains("CannotPull")
                || reason.contains("ResourceInitializationError")
                || essential.stream().anyMatch(c -> c.reason().contains("OutOfMemory")
                || (c.exitCode().orElse(0) == 137 && !healthChecks))) {
            return Optional.of(new Failure(at, Cause.NOT_THE_LOCK));
        }
        boolean exited = essential.stream().anyMatch(c -> c.exitCode().map(x -> x != 0 && x != 143).orElse(false));
        return healthChecks || exited ? Optional.of(new Failure(at, Cause.LOCK_COULD_EXPLAIN)) : Optional.empty();
    }

    /** Whether the line is the task's own: found for it, in one of its own awslogs streams, after its deployment began. */
    static boolean ownLine(ServiceView view, TaskView task, LockEvidence line) {
        if (line == null || !line.taskArn().equals(task.taskArn())
                || line.at().isBefore(primary(view).createdAt())) {
            return false;
        }
        return view.taskDefinition(task).stream().flatMap(d -> d.containers().stream())
                .anyMatch(c -> c.awslogs().isPresent() && c.awslogs().get().group().equals(line.logGroup())
                        && line.logStream().equals(c.awslogs().get().streamPrefix() + "/" + c.name() + "/"
                        + task.id()));
    }

    /** The PRIMARY tasks whose failure is the latest (ties give several); empty when none failed. */
    static List<TaskView> latestFailures(ServiceView view, Instant now) {
        List<TaskView> failing = primaryTasks(view).stream().filter(t -> failure(view, t, now).isPresent()).toList();
        Optional<Instant> latest = failing.stream().map(t -> failure(view, t, now).orElseThrow().at())
                .max(Instant::compareTo);
        return failing.stream().filter(t -> latest.equals(Optional.of(failure(view, t, now).orElseThrow().at())))
                .toList();
    }

    static boolean someOwnLine(ServiceView view, List<TaskView> tasks, Map<String, LockEvidence> evidence) {
        return tasks.stream().anyMatch(t -> ownLine(view, t, evidence.get(t.taskArn())));
    }
}
