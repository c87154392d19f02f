package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Why the PRIMARY deployment's tasks are not serving, task by task, and which failure is the latest: a lock can
 * explain a failure only if the process ran and then exited or never became healthy; only essential containers
 * say why a task failed.
 */
final class Failures {

    /** ECS's stopped reasons for a task it replaces because a container or a load balancer health check failed. */
    static final List<String> FAILED_HEALTH_CHECKS = List.of("failed container health checks",
            "failed ELB health checks");

    /** One failure of a PRIMARY task, at the time it was seen failing. */
    record Failure(TaskView task, Instant at, boolean lockCouldExplain, String description) {}

    /** Every failure, latest first (at the same time, one the lock cannot explain first); the notes say what was seen but not counted; {@code inGrace} are still starting. */
    record Found(List<Failure> failures, List<String> notes, int inGrace) {

        Optional<Failure> latest() {
            return failures.stream().findFirst();
        }

        List<TaskView> blocked() {
            return failures.stream().filter(Failure::lockCouldExplain).map(Failure::task).toList();
        }
    }

    private Failures() {}

    static Found of(ServiceView view, Deployment primary, Settings settings, Instant now) {
        List<Failure> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int inGrace = 0;
        for (TaskView task : view.tasks()) {
            if (!primary.id().equals(task.startedBy())) {
                continue;
            }
            String name = "new task " + task.id() + " of " + primary.id();
            if (task.down()) {
                Instant at = task.stoppedAt().orElse(now);
                if (at.isBefore(primary.createdAt())) {
                    continue;
                }
                Optional<String> other = otherCause(view, task);
                String state = task.stopped() ? "stopped" : "is stopping";
                if (other.isPresent()) {
                    failures.add(new Failure(task, at, false, name + " " + other.get()));
                } else if (failedHealthChecks(task.stoppedReason())) {
                    failures.add(new Failure(task, at, true, name + " " + (task.stopped() ? "was stopped"
                            : "is stopping") + " by ECS: " + task.stoppedReason()));
                } else {
                    nonZeroExit(view, task).ifPresent(c -> failures.add(new Failure(task, at, true, name + " "
                            + state + ": container " + c.name() + " exited with code " + c.exitCode().orElseThrow()
                            + " (" + task.stopCode() + ")")));
                }
            } else if (task.starting()) {
                Duration waited = Duration.between(task.createdAt().orElse(now), now);
                if (waited.compareTo(settings.pendingGrace()) >= 0) {
                    notes.add(name + " still " + task.lastStatus() + " after " + waited.toSeconds()
                            + " s: its process has not started (a slow image pull looks the same), so it is not"
                            + " waiting for a lock");
                } else {
                    inGrace++;
                }
            } else if (task.running() && task.healthStatus() == HealthStatus.UNHEALTHY) {
                Duration waited = Duration.between(task.startedAt().or(task::createdAt).orElse(now), now);
                if (waited.compareTo(settings.pendingGrace()) >= 0) {
                    failures.add(new Failure(task, now, true, name + " UNHEALTHY for " + waited.toSeconds()
                            + " s (grace " + settings.pendingGrace().toSeconds() + " s)"));
                } else {
                    inGrace++;
                }
            }
        }
        failures.sort(Comparator.comparing(Failure::at).reversed().thenComparing(Failure::lockCouldExplain));
        return new Found(failures, notes, inGrace);
    }

    static boolean failedHealthChecks(String stoppedReason) {
        return FAILED_HEALTH_CHECKS.stream().anyMatch(stoppedReason::contains);
    }

    /** Causes a stopped old task cannot fix: the new task would fail the same way with the lock free. */
    private static Optional<String> otherCause(ServiceView view, TaskView task) {
        if ("TaskFailedToStart".equals(task.stopCode())) {
            return Optional.of("failed to start: " + task.stoppedReason());
        }
        String stopped = task.stoppedReason();
        if (stopped.contains("CannotPullContainer") || stopped.contains("ResourceInitializationError")) {
            return Optional.of("could not start: " + stopped);
        }
        for (ContainerView c : essential(view, task)) {
            if (c.reason().contains("OutOfMemory")) {
                return Optional.of("ran out of memory: container " + c.name() + ": " + c.reason());
            }
            if (c.exitCode().orElse(0) == 137 && !failedHealthChecks(stopped)) {
                return Optional.of("was killed: container " + c.name() + " exited with code 137");
            }
        }
        return Optional.empty();
    }

    private static Optional<ContainerView> nonZeroExit(ServiceView view, TaskView task) {
        return essential(view, task).stream()
                .filter(c -> c.exitCode().map(code -> code != 0 && code != 143).orElse(false))
                .findFirst();
    }

    /** The task's essential containers; every container when its task definition was not observed. */
    private static List<ContainerView> essential(ServiceView view, TaskView task) {
        Optional<TaskDefinitionView> definition = view.taskDefinition(task);
        return task.containers().stream()
                .filter(c -> definition.flatMap(d -> d.container(c.name()))
                        .map(TaskDefinitionView.ContainerDefinition::essential).orElse(true))
                .toList();
    }
}
