package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.SchedulingStrategy;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides whether an old task holds the single-writer lock a rolling deployment's new task is waiting for, and
 * if so which old tasks to stop. Pure: the same view, evidence, settings and time give the same plan.
 *
 * <p>An old task is stopped only when all hold: ECS rolls out a replica service and a rollout is in progress (a
 * PRIMARY deployment and an older ACTIVE one); the latest failure of a PRIMARY task is one the lock explains (an
 * essential container exited non-zero, ECS replaced it for failing container or ELB health checks, or it stayed
 * unhealthy past the grace period) and not a cause a stop cannot fix (out of memory, killed, failed to start); that
 * task's own log shows the lock error (unless that proof is switched off); the deployment wants one task; the old
 * task is RUNNING, of this service and cluster and an older deployment, and is the oldest to mount (from an
 * essential container) an EFS file system and directory the new task mounts; and it does not already run the
 * revision a rollback wants.
 */
public final class StaleLockPolicy {

    /** How long a container's last log lines may take to become searchable: the awslogs batch, then ingestion. */
    static final Duration LOG_INGESTION = Duration.ofSeconds(30);

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
            return new Step.Decided(conclude(view, walk, Map.of(), settings, now));
        }
        List<TaskView> recent = walk.blocked.stream().limit(3).toList();
        return new Step.NeedsEvidence(view, recent, settings.lockErrorPattern(),
                evidence -> new Step.Decided(conclude(view, walk, evidence, settings, now)));
    }

    /**
     * The latest failure decides. When it went down moments ago and shows no lock line yet, nothing is decided:
     * the awslogs driver batches its uploads and CloudWatch Logs makes a line searchable seconds later, so its
     * STOPPED event and the schedule look again (an earlier task's line never stands in for it).
     */
    private static Plan conclude(ServiceView view, Walked walk, Map<String, LockEvidence> evidence,
                                 Settings settings, Instant now) {
        List<String> reasons = new ArrayList<>(walk.reasons);
        TaskView latest = walk.blocked.get(0);
        Optional<LockEvidence> proof = Optional.empty();
        for (TaskView blocked : walk.blocked) {
            Optional<LockEvidence> own = LockProof.own(view, walk.primary, blocked, evidence.get(blocked.taskArn()),
                    reasons);
            own.ifPresent(p -> reasons.add("lock evidence from new task " + blocked.id() + ": \""
                    + trim(p.message(), 160) + "\" in " + p.logGroup() + " " + p.logStream() + " at " + p.at()));
            if (blocked == latest) {
                proof = own;
            }
        }
        if (settings.requireLockEvidence() && proof.isEmpty() && logsStillArriving(latest, now)) {
            return Plan.noAction(reasons, "the lock is not proven yet (the latest failure decides): the latest"
                    + " blocked task " + latest.id() + " went down less than " + LOG_INGESTION.toSeconds() + " s ago, and CloudWatch Logs makes a line"
                    + " searchable seconds after the container wrote it, so its last lines may not be searchable yet;"
                    + " its STOPPED event and the safety-net schedule check again");
        }
        if (settings.requireLockEvidence() && proof.isEmpty()) {
            return Plan.noAction(reasons, "no log line matching \"" + settings.lockErrorPattern()
                    + "\" from the latest blocked task " + latest.id() + " (the latest failure decides; blocked: "
                    + ids(walk.blocked) + "): the lock is not proven to be the cause, so no old task is stopped");
        }
        if (!settings.requireLockEvidence()) {
            reasons.add("lock evidence not required (REQUIRE_LOCK_EVIDENCE=false): the latest blocked task "
                    + latest.id() + " counts as waiting for the lock");
        }
        Optional<TaskDefinitionView> definition = view.taskDefinition(latest);
        if (definition.isEmpty()) {
            return Plan.noAction(reasons, "task definition " + latest.taskDefinitionArn()
                    + " of new task " + latest.id() + " was not observed; cannot tell which file system it needs");
        }
        Holders.Choice choice = Holders.choose(view, walk.primary, definition.get(), walk.candidates, reasons);
        if (choice instanceof Holders.None none) {
            return Plan.noAction(reasons, none.why());
        }
        Holders.Stop stop = (Holders.Stop) choice;
        String why = "ecs-medic: stale lock holder on " + String.join(",", stop.domains()) + "; new task "
                + latest.id() + " of " + walk.primary.id()
                + (proof.isPresent() ? " logged \"" + settings.lockErrorPattern() + "\"" : " is blocked");
        List<Action> actions = stop.tasks().stream()
                .<Action>map(t -> new Action.StopTask(view.cluster(), t.taskArn(), trim(why, MAX_STOP_REASON)))
                .toList();
        return new Plan(Decision.STOP_STALE_TASKS, reasons, actions);
    }

    /** Is there an old task to stop and a blocked new task: {@link Walked} if so, else the decision why not. */
    private static Walk walk(ServiceView view, List<String> reasons, Settings settings, Instant now) {
        Deployment primary = view.primary().orElseThrow();
        Set<String> olderIds = view.active().stream().map(Deployment::id).collect(Collectors.toSet());

        List<TaskView> old = view.tasks().stream()
                .filter(t -> olderIds.contains(t.startedBy()) && Holders.ofService(view, t)).toList();
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

        Failures.Found found = Failures.of(view, primary, settings, now);
        reasons.addAll(found.notes());
        Optional<Failures.Failure> latest = found.latest();
        if (latest.isEmpty()) {
            return new Early(Plan.noAction(reasons, "no task of " + primary.id() + " is blocked"
                    + (found.inGrace() > 0 ? " (" + found.inGrace() + " starting within the "
                    + settings.pendingGrace().toSeconds() + " s grace period)" : "")));
        }
        for (Failures.Failure failure : found.failures()) {
            reasons.add(failure.description() + (failure.lockCouldExplain() ? "" : " (not a lock failure)"));
        }
        if (!latest.get().lockCouldExplain()) {
            return new Early(Plan.noAction(reasons, "the latest failure of the new deployment (task "
                    + latest.get().task().id() + ") has a cause a stopped old task cannot fix; no old task is stopped"));
        }
        return new Walked(reasons, primary, candidates, found.blocked());
    }

    /** Empty when a rollout waits on an older deployment; otherwise the no-action plan saying why not. */
    private static Optional<Plan> rolloutBlocker(ServiceView view, List<String> reasons) {
        Optional<String> notServing = Rollouts.notServing(view);
        if (notServing.isPresent()) {
            return Optional.of(Plan.noAction(reasons, notServing.get()));
        }
        Optional<String> unsupported = unsupported(view);
        if (unsupported.isPresent()) {
            return Optional.of(Plan.noAction(reasons, unsupported.get()));
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

    /**
     * The deadlock is proven only for ECS's rolling update of a replica service. CodeDeploy and external
     * controllers move task sets, and a daemon replaces its tasks instance by instance, so deployments[] does not
     * say who waits on whom there.
     */
    private static Optional<String> unsupported(ServiceView view) {
        if (view.deploymentController() != DeploymentController.ECS) {
            return Optional.of("service " + view.service() + " is deployed by " + view.deploymentController()
                    + " (deploymentController), not ECS's rolling update: its deployments are task sets ecs-medic"
                    + " does not read, so it stops nothing");
        }
        if (view.schedulingStrategy() != SchedulingStrategy.REPLICA) {
            return Optional.of("service " + view.service() + " uses the " + view.schedulingStrategy()
                    + " scheduling strategy, not REPLICA: its tasks are replaced instance by instance, not in the"
                    + " rolling update whose deadlock ecs-medic proves, so it stops nothing");
        }
        return Optional.empty();
    }

    private static boolean logsStillArriving(TaskView task, Instant now) {
        return task.down() && task.stoppedAt().map(at -> at.isAfter(now.minus(LOG_INGESTION))).orElse(true);
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

    /**
     * A rollout with RUNNING old tasks that could hold the lock, and new tasks blocked in a way the lock explains,
     * latest first: the latest failure of the new deployment is one of them.
     */
    private record Walked(List<String> reasons, Deployment primary, List<TaskView> candidates,
                          List<TaskView> blocked) implements Walk {}
}
