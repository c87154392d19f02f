package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskDefinitionView.EfsVolume;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether an old task holds the single-writer lock a rolling deployment's new task is waiting for, and
 * if so which old tasks to stop. Pure: the same view, evidence, settings and time give the same plan.
 *
 * <p>An old task is stopped only when all hold: a rollout is in progress (a PRIMARY deployment and an older ACTIVE
 * one); a PRIMARY task is blocked (exited non-zero, replaced by ECS for failing its health checks, or pending or
 * unhealthy past the grace period) and not for a
 * cause a stop cannot fix (out of memory, failed to start); its log shows the lock error (unless that proof is
 * switched off); the old task is RUNNING, belongs to an older deployment and mounts the same EFS file system and
 * directory. No more old tasks are stopped than the new deployment still lacks, oldest first.
 */
public final class StaleLockPolicy {

    /** ECS's stopped reason for a task it replaces because its health checks failed. */
    static final String FAILED_HEALTH_CHECKS = "failed container health checks";

    /** ECS accepts a stop reason of up to 255 characters. */
    static final int MAX_STOP_REASON = 255;

    private StaleLockPolicy() {}

    /** Decided when no rollout waits on an older deployment; otherwise the tasks are needed. */
    public static Step start(ServiceView service, Settings settings, Instant now, Optional<Instant> execEnabledAt) {
        List<String> reasons = new ArrayList<>();
        return Step.unlessDecided(rolloutBlocker(service, reasons), view -> afterTasks(view, reasons, settings, now));
    }

    /** The whole decision on a service already read with its tasks, given the evidence found in its logs. */
    public static Plan decide(ServiceView view, Map<String, LockEvidence> evidence, Settings settings, Instant now) {
        Step step = start(view, settings, now, Optional.empty());
        if (step instanceof Step.NeedsTasks tasks) {
            step = tasks.then().apply(view);
        }
        if (step instanceof Step.NeedsEvidence proof) {
            step = proof.then().apply(evidence);
        }
        return ((Step.Decided) step).plan();
    }

    /** The blocked tasks whose logs the decision needs (most recent first, at most three); else empty. */
    public static List<TaskView> tasksNeedingEvidence(ServiceView view, Settings settings, Instant now) {
        Step step = start(view, settings, now, Optional.empty());
        if (step instanceof Step.NeedsTasks tasks) {
            step = tasks.then().apply(view);
        }
        return step instanceof Step.NeedsEvidence proof ? proof.tasks() : List.of();
    }

    /** Whether the decision needs the service's tasks at all: only while a rollout waits on an older deployment. */
    public static boolean needsTasks(ServiceView view) {
        return rolloutBlocker(view, new ArrayList<>()).isEmpty();
    }

    /** Walks the tasks once: an old task to stop, a blocked new task, and whether its logs must prove the lock. */
    private static Step afterTasks(ServiceView view, List<String> rolloutReasons, Settings settings, Instant now) {
        Walk walked = walk(view, new ArrayList<>(rolloutReasons), settings, now);
        if (walked instanceof Early early) {
            return new Step.Decided(early.plan());
        }
        Walked walk = (Walked) walked;
        if (!settings.requireLockEvidence()) {
            return new Step.Decided(conclude(view, walk, Map.of(), settings));
        }
        List<TaskView> recent = walk.suspects.stream()
                .sorted(Comparator.comparing((TaskView t) -> t.stoppedAt().or(t::createdAt).orElse(Instant.EPOCH))
                        .reversed())
                .limit(3)
                .toList();
        return new Step.NeedsEvidence(view, recent, settings.lockErrorPattern(),
                evidence -> new Step.Decided(conclude(view, walk, evidence, settings)));
    }

    private static Plan conclude(ServiceView view, Walked walk, Map<String, LockEvidence> evidence,
                                 Settings settings) {
        List<String> reasons = new ArrayList<>(walk.reasons);
        List<TaskView> proven = new ArrayList<>();
        for (TaskView suspect : walk.suspects) {
            LockEvidence proof = evidence.get(suspect.taskArn());
            if (proof != null) {
                reasons.add("lock evidence from new task " + suspect.id() + ": \"" + trim(proof.message(), 160)
                        + "\" in " + proof.logGroup() + " " + proof.logStream() + " at " + proof.at());
                proven.add(suspect);
            }
        }
        if (settings.requireLockEvidence() && proven.isEmpty()) {
            return Plan.noAction(reasons, "no log line matching \"" + settings.lockErrorPattern()
                    + "\" from the blocked task(s) " + ids(walk.suspects)
                    + ": the lock is not proven to be the cause, so no old task is stopped");
        }
        if (!settings.requireLockEvidence()) {
            reasons.add("lock evidence not required (REQUIRE_LOCK_EVIDENCE=false): blocked task(s) "
                    + ids(walk.suspects) + " count as waiting for the lock");
            proven = walk.suspects;
        }

        Set<String> needed = new LinkedHashSet<>();
        for (TaskView blocked : proven) {
            Optional<TaskDefinitionView> definition = view.taskDefinition(blocked);
            if (definition.isEmpty()) {
                return Plan.noAction(reasons, "task definition " + blocked.taskDefinitionArn()
                        + " of new task " + blocked.id() + " was not observed; cannot tell which file system it needs");
            }
            definition.get().efsVolumes().stream().map(EfsVolume::lockDomain).forEach(needed::add);
        }
        if (needed.isEmpty()) {
            return Plan.noAction(reasons, "the new deployment's task definition mounts no EFS volume; "
                    + "an old task cannot hold its lock");
        }

        List<TaskView> holders = new ArrayList<>();
        for (TaskView candidate : walk.candidates) {
            Set<String> shared = view.taskDefinition(candidate)
                    .map(d -> d.efsVolumes().stream().map(EfsVolume::lockDomain)
                            .filter(needed::contains).collect(Collectors.toCollection(LinkedHashSet::new)))
                    .orElse(new LinkedHashSet<>());
            if (shared.isEmpty()) {
                reasons.add("old task " + candidate.id() + " shares no EFS file system and directory with "
                        + "the new deployment (" + String.join(", ", needed) + "); not a lock holder");
            } else {
                reasons.add("old task " + candidate.id() + " of " + candidate.startedBy() + " is RUNNING and mounts "
                        + String.join(", ", shared) + " that the new deployment needs");
                holders.add(candidate);
            }
        }
        if (holders.isEmpty()) {
            return Plan.noAction(reasons, "no running old task mounts the file system the new deployment needs");
        }

        long serving = view.tasks().stream()
                .filter(t -> walk.primary.id().equals(t.startedBy()) && t.running() && t.healthStatus() != HealthStatus.UNHEALTHY)
                .count();
        int missing = (int) Math.max(0, walk.primary.desiredCount() - serving);
        if (missing == 0) {
            return Plan.noAction(reasons, "the new deployment already runs all " + walk.primary.desiredCount()
                    + " of its tasks; nothing waits for the lock");
        }
        List<TaskView> toStop = holders.stream()
                .sorted(Comparator.comparing((TaskView t) -> t.startedAt().or(t::createdAt).orElse(Instant.EPOCH)))
                .limit(missing)
                .toList();
        reasons.add("stop " + toStop.size() + " of " + holders.size() + " old task(s): the new deployment "
                + walk.primary.id() + " lacks " + missing + " running task(s)");
        TaskView example = proven.get(0);
        String why = "ecs-medic: stale lock holder on " + String.join(",", needed) + "; new task " + example.id()
                + " of " + walk.primary.id()
                + (evidence.containsKey(example.taskArn())
                        ? " logged \"" + settings.lockErrorPattern() + "\"" : " is blocked");
        List<Action> actions = toStop.stream()
                .<Action>map(t -> new Action.StopTask(view.cluster(), t.taskArn(), trim(why, MAX_STOP_REASON)))
                .toList();
        return new Plan(Decision.STOP_STALE_TASKS, reasons, actions);
    }

    /** Is there an old task to stop and a blocked new task: {@link Walked} if so, else the decision why not. */
    private static Walk walk(ServiceView view, List<String> reasons, Settings settings, Instant now) {
        Deployment primary = view.primary().orElseThrow();
        Set<String> olderIds = view.active().stream().map(Deployment::id).collect(Collectors.toSet());

        List<TaskView> old = view.tasks().stream().filter(t -> olderIds.contains(t.startedBy())).toList();
        List<TaskView> alreadyStopping = old.stream().filter(TaskView::stopping).toList();
        if (!alreadyStopping.isEmpty()) {
            return new Early(Plan.noAction(reasons, "old task(s) " + ids(alreadyStopping)
                    + " already stopping (desiredStatus STOPPED); waiting for the lock to be released"));
        }
        List<TaskView> candidates = old.stream().filter(TaskView::running).toList();
        if (candidates.isEmpty()) {
            return new Early(Plan.noAction(reasons, "no RUNNING task of an older deployment ("
                    + String.join(", ", olderIds) + "); nothing could hold the lock"));
        }

        List<TaskView> suspects = new ArrayList<>();
        List<String> otherCauses = new ArrayList<>();
        int startingInGrace = 0;
        for (TaskView task : view.tasks()) {
            if (!primary.id().equals(task.startedBy())) {
                continue;
            }
            if (task.down()) {
                if (task.stoppedAt().map(at -> at.isBefore(primary.createdAt())).orElse(false)) {
                    continue;
                }
                Optional<String> other = otherCause(task);
                if (other.isPresent()) {
                    otherCauses.add("new task " + task.id() + " " + other.get());
                    continue;
                }
                if (task.stoppedReason().contains(FAILED_HEALTH_CHECKS)) {
                    reasons.add("new task " + task.id() + " of " + primary.id() + " " + (task.stopped() ? "was stopped"
                            : "is stopping") + " by ECS: " + task.stoppedReason());
                    suspects.add(task);
                    continue;
                }
                Optional<ContainerView> failed = nonZeroExit(view, task);
                if (failed.isPresent()) {
                    reasons.add("new task " + task.id() + " of " + primary.id() + " " + (task.stopped() ? "stopped" : "is stopping")
                            + ": container "
                            + failed.get().name() + " exited with code " + failed.get().exitCode().orElseThrow()
                            + " (" + task.stopCode() + ")");
                    suspects.add(task);
                }
            } else if (task.starting()) {
                Duration waited = Duration.between(task.createdAt().orElse(now), now);
                if (waited.compareTo(settings.pendingGrace()) >= 0) {
                    reasons.add("new task " + task.id() + " of " + primary.id() + " still " + task.lastStatus()
                            + " after " + waited.toSeconds() + " s (grace " + settings.pendingGrace().toSeconds() + " s)");
                    suspects.add(task);
                } else {
                    startingInGrace++;
                }
            } else if (task.running() && task.healthStatus() == HealthStatus.UNHEALTHY) {
                Duration waited = Duration.between(task.startedAt().or(task::createdAt).orElse(now), now);
                if (waited.compareTo(settings.pendingGrace()) >= 0) {
                    reasons.add("new task " + task.id() + " of " + primary.id() + " UNHEALTHY for "
                            + waited.toSeconds() + " s (grace " + settings.pendingGrace().toSeconds() + " s)");
                    suspects.add(task);
                } else {
                    startingInGrace++;
                }
            }
        }
        if (suspects.isEmpty()) {
            if (!otherCauses.isEmpty()) {
                otherCauses.forEach(reasons::add);
                return new Early(Plan.noAction(reasons, "the new deployment fails for a reason a stopped old task "
                        + "cannot fix; no old task is stopped"));
            }
            return new Early(Plan.noAction(reasons, "no task of " + primary.id() + " is blocked"
                    + (startingInGrace > 0 ? " (" + startingInGrace + " starting within the "
                    + settings.pendingGrace().toSeconds() + " s grace period)" : "")));
        }
        otherCauses.forEach(c -> reasons.add(c + " (not counted as a lock failure)"));
        return new Walked(reasons, primary, candidates, suspects);
    }

    /** Empty when a rollout waits on an older deployment; otherwise the no-action plan saying why not. */
    private static Optional<Plan> rolloutBlocker(ServiceView view, List<String> reasons) {
        Optional<String> notServing = Rollouts.notServing(view);
        if (notServing.isPresent()) {
            return Optional.of(Plan.noAction(reasons, notServing.get()));
        }
        Deployment p = view.primary().orElseThrow();
        if (p.settled()) {
            return Optional.of(Plan.noAction(reasons, "deployment " + p.id() + " is " + p.rolloutState()
                    + (p.rolloutStateReason().isEmpty() ? "" : " (" + p.rolloutStateReason() + ")")
                    + "; no rollout in progress"));
        }
        List<Deployment> older = view.active().stream().filter(d -> d.runningCount() + d.pendingCount() > 0).toList();
        if (older.isEmpty()) {
            return Optional.of(Plan.noAction(reasons, "no older deployment still runs tasks; deployment " + p.id()
                    + " waits on nothing ecs-medic could stop"));
        }
        reasons.add("rollout in progress: PRIMARY " + p.id() + " (" + p.runningCount() + "/" + p.desiredCount()
                + " running, " + p.failedTasks() + " failed) while " + older.stream()
                .map(d -> "ACTIVE " + d.id() + " runs " + d.runningCount()).collect(Collectors.joining(", ")));
        return Optional.empty();
    }

    /** Causes a stopped old task cannot fix: the new task would fail the same way with the lock free. */
    private static Optional<String> otherCause(TaskView task) {
        if ("TaskFailedToStart".equals(task.stopCode())) {
            return Optional.of("failed to start: " + task.stoppedReason());
        }
        String stopped = task.stoppedReason();
        if (stopped.contains("CannotPullContainer") || stopped.contains("ResourceInitializationError")) {
            return Optional.of("could not start: " + stopped);
        }
        for (ContainerView c : task.containers()) {
            if (c.reason().contains("OutOfMemory")) {
                return Optional.of("ran out of memory: container " + c.name() + ": " + c.reason());
            }
            if (c.exitCode().orElse(0) == 137 && !stopped.contains(FAILED_HEALTH_CHECKS)) {
                return Optional.of("was killed: container " + c.name() + " exited with code 137");
            }
        }
        return Optional.empty();
    }

    private static Optional<ContainerView> nonZeroExit(ServiceView view, TaskView task) {
        Optional<TaskDefinitionView> definition = view.taskDefinition(task);
        return task.containers().stream()
                .filter(c -> c.exitCode().map(code -> code != 0 && code != 143).orElse(false))
                .filter(c -> definition.flatMap(d -> d.container(c.name()))
                        .map(TaskDefinitionView.ContainerDefinition::essential).orElse(true))
                .findFirst();
    }

    private static String ids(List<TaskView> tasks) {
        return tasks.stream().map(TaskView::id).collect(Collectors.joining(", "));
    }

    static String trim(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    /** What one walk over the tasks found. */
    private sealed interface Walk permits Early, Walked {}

    /** Nothing an old task's stop could fix, and why. */
    private record Early(Plan plan) implements Walk {}

    /** A rollout with RUNNING old tasks that could hold the lock, and new tasks blocked in a way the lock explains. */
    private record Walked(List<String> reasons, Deployment primary, List<TaskView> candidates,
                          List<TaskView> suspects) implements Walk {}
}
