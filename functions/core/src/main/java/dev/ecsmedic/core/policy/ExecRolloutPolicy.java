package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * ECS gives ECS Exec only to tasks started after it was enabled on the service; this decides when a forced
 * deployment must carry it to the running tasks, and when forcing again would only loop. Pure.
 *
 * <p>Force only when the service has {@code enableExecuteCommand}, a RUNNING task lacks it, and no rollout that
 * will replace that task is in progress (more than one deployment, or the PRIMARY one IN_PROGRESS). A PRIMARY
 * deployment created within the cool-down that is done and still left tasks without exec is reported, not
 * forced again, unless exec was provably enabled after those tasks started: CloudTrail recorded it later (in the
 * event, or in an earlier event whose time ecs-medic kept, when exec was enabled during a rollout), or ECS's own
 * state shows it, a task of the service started later having exec. Then a new deployment gives them exec, and
 * forcing it cannot loop.
 */
public final class ExecRolloutPolicy {

    static final String EXEC_ENABLED = "exec-enabled";

    private ExecRolloutPolicy() {}

    /** Decided when no running task could matter now; otherwise the tasks, and maybe the exec facts, are needed. */
    public static Step start(ServiceView service, Settings settings, Instant now, Optional<Instant> execEnabledAt) {
        List<String> reasons = new ArrayList<>();
        Duration cooldown = settings.execCooldown();
        return Step.unlessDecided(blocker(service, reasons, execEnabledAt), view -> execEnabledAt.isEmpty()
                && waitsForCooldown(view, cooldown, now)
                ? new Step.NeedsExecEnabledAt(view, kept -> onView(view, reasons, cooldown, now, kept))
                : onView(view, reasons, cooldown, now, execEnabledAt));
    }

    private static Step onView(ServiceView view, List<String> reasons, Duration cooldown, Instant now,
                               Optional<Instant> execEnabledAt) {
        Plan plan = onTasks(view, reasons, cooldown, now, execEnabledAt);
        if (plan.decision() == Decision.FORCE_NEW_DEPLOYMENT || !readinessDueOnTasks(view, cooldown, now)) {
            return new Step.Decided(plan);
        }
        return new Step.NeedsExecFacts(view,
                facts -> new Step.Decided(withReadiness(plan, ExecReadiness.check(facts, now))));
    }

    /**
     * Whether, as far as the tasks tell, running tasks lacking exec wait out the cool-down: then when exec was
     * enabled (kept from an earlier CloudTrail record) may prove they started before it and need not wait.
     */
    private static boolean waitsForCooldown(ServiceView view, Duration cooldown, Instant now) {
        List<TaskView> lacking = view.tasks().stream().filter(TaskView::running)
                .filter(t -> !t.enableExecuteCommand()).toList();
        return !lacking.isEmpty() && withinCooldown(view.primary().orElseThrow(), cooldown, now)
                && enabledAfterStart(view, lacking, Optional.empty()).isEmpty();
    }

    /** Whether the decision depends on the service's tasks; when not, {@link #decide} needs none read. */
    public static boolean needsTasks(ServiceView view) {
        return blocker(view, new ArrayList<>(), Optional.empty()).isEmpty();
    }

    /**
     * Whether a full readiness check is due: the service is settled with exec enabled, and either its PRIMARY
     * deployment is recent (a rollout just completed) or a running task's ExecuteCommandAgent is not RUNNING.
     */
    public static boolean readinessDue(ServiceView view, Duration cooldown, Instant now) {
        return needsTasks(view) && readinessDueOnTasks(view, cooldown, now);
    }

    private static boolean readinessDueOnTasks(ServiceView view, Duration cooldown, Instant now) {
        if (view.tasks().stream().noneMatch(TaskView::running)) {
            return false;
        }
        return withinCooldown(view.primary().orElseThrow(), cooldown, now)
                || view.tasks().stream().filter(TaskView::running).anyMatch(ExecRolloutPolicy::agentNotRunning);
    }

    /** The decision on a service already read with its tasks, before any readiness check. */
    public static Plan decide(ServiceView view, Duration cooldown, Instant now, Optional<Instant> execEnabledAt) {
        List<String> reasons = new ArrayList<>();
        Optional<Plan> early = blocker(view, reasons, execEnabledAt);
        return early.isPresent() ? early.get() : onTasks(view, reasons, cooldown, now, execEnabledAt);
    }

    private static Plan onTasks(ServiceView view, List<String> blockerReasons, Duration cooldown, Instant now,
                                Optional<Instant> execEnabledAt) {
        List<String> reasons = new ArrayList<>(blockerReasons);
        List<TaskView> running = view.tasks().stream().filter(TaskView::running).toList();
        List<TaskView> lacking = running.stream().filter(t -> !t.enableExecuteCommand()).toList();
        if (lacking.isEmpty()) {
            return Plan.noAction(reasons, running.isEmpty()
                    ? "service " + view.service() + " has no running task; new tasks start with ECS Exec"
                    : "all " + running.size() + " running task(s) have ECS Exec enabled");
        }
        reasons.add("service " + view.service() + " has enableExecuteCommand=true but running task(s) "
                + ids(lacking) + " started without it (ECS does not enable exec on running tasks)");
        Deployment primary = view.primary().orElseThrow();
        if (primary.rolloutState() == RolloutState.FAILED && !view.active().isEmpty()) {
            return failedWithoutRollback(view, reasons, primary, lacking);
        }
        Optional<String> enabledLater = enabledAfterStart(view, lacking, execEnabledAt);
        if (enabledLater.isPresent()) {
            reasons.add(enabledLater.get());
        } else if (withinCooldown(primary, cooldown, now)) {
            Instant ends = primary.createdAt().plus(cooldown);
            reasons.add("deployment " + primary.id() + " was created "
                    + Duration.between(primary.createdAt(), now).toSeconds() + " s ago (cool-down "
                    + cooldown.toSeconds() + " s, EXEC_COOLDOWN_SECONDS) and is " + primary.rolloutState()
                    + ", yet its tasks lack exec: not forcing another deployment before " + ends + ". Either exec"
                    + " was enabled after they started (during the rollout: then a new deployment gives them exec)"
                    + " or ECS did not give it to them; nothing ecs-medic can read tells which");
            List<Check> checks = lacking.stream().map(t -> new Check(EXEC_ENABLED, "task/" + t.id(),
                    Check.Status.FAIL, "task " + t.id() + " of " + t.startedBy() + " started"
                    + t.createdAt().map(at -> " at " + at).orElse("") + " without exec; ExecuteCommand on it fails",
                    ExecReadiness.forceDeployment("a new deployment gives it exec: aws ecs update-service --cluster "
                            + view.cluster() + " --service " + view.service() + " --force-new-deployment (ecs-medic"
                            + " forces one at " + ends + " if it still lacks exec); if it lacks exec after that too,"
                            + " check that enableExecuteCommand is still true on the service",
                            view.taskDefinition(t)))).toList();
            return new Plan(Decision.EXEC_NOT_READY, reasons, List.of(), checks);
        }
        reasons.add("force a new deployment so that every task is replaced by one with ECS Exec");
        String why = "ecs-medic: ECS Exec is enabled on the service; running task(s) " + ids(lacking)
                + " lack it";
        return new Plan(Decision.FORCE_NEW_DEPLOYMENT, reasons,
                List.of(new Action.ForceNewDeployment(view.cluster(), view.service(), why)));
    }

    /**
     * A PRIMARY that FAILED while older deployments still run tasks: the circuit breaker without rollback. ECS
     * launches no more of its tasks and it never completes, so nothing is waited for; and no deployment is forced,
     * since one would redeploy the revision that just failed. The report says how to give the tasks exec.
     */
    private static Plan failedWithoutRollback(ServiceView view, List<String> reasons, Deployment primary,
                                              List<TaskView> lacking) {
        String older = view.active().stream().map(Deployment::id).collect(Collectors.joining(", "));
        reasons.add("deployment " + primary.id() + " FAILED without rollback while " + older + " still run tasks:"
                + " ECS launches no more of its tasks and it never completes, so ecs-medic does not wait for it;"
                + " forcing a new deployment would redeploy " + primary.taskDefinition() + ", which failed, so none"
                + " is forced");
        String previous = view.active().get(0).taskDefinition();
        List<Check> checks = lacking.stream().map(t -> new Check(EXEC_ENABLED, "task/" + t.id(), Check.Status.FAIL,
                "task " + t.id() + " of " + t.startedBy() + " started without exec; deployment " + primary.id()
                        + " FAILED without rollback (" + primary.rolloutStateReason() + "), so ECS neither replaces"
                        + " the task nor completes that deployment",
                ExecReadiness.forceDeployment("fix why " + primary.id() + " failed and deploy again, or roll back:"
                        + " aws ecs update-service --cluster " + view.cluster() + " --service " + view.service()
                        + " --task-definition " + previous + " --force-new-deployment; the new tasks have exec",
                        view.taskDefinition(t)))).toList();
        return new Plan(Decision.EXEC_NOT_READY, reasons, List.of(), checks);
    }

    /**
     * Why the tasks lacking exec provably started before exec was enabled, or empty: CloudTrail's record of the
     * enabling call is later than each of them, or a task of the service started after each of them has exec.
     */
    private static Optional<String> enabledAfterStart(ServiceView view, List<TaskView> lacking,
                                                      Optional<Instant> execEnabledAt) {
        if (lacking.stream().anyMatch(t -> t.createdAt().isEmpty())) {
            return Optional.empty();
        }
        Instant lastStart = lacking.stream().map(t -> t.createdAt().orElseThrow()).max(Instant::compareTo)
                .orElseThrow();
        Optional<Instant> recorded = execEnabledAt.filter(at -> at.isAfter(lastStart));
        if (recorded.isPresent()) {
            return Optional.of("exec was enabled at " + recorded.get() + " (CloudTrail's record), after task(s) "
                    + ids(lacking) + " started: they could not have it");
        }
        return view.tasks().stream().filter(TaskView::enableExecuteCommand)
                .filter(t -> t.createdAt().filter(at -> at.isAfter(lastStart)).isPresent())
                .min(java.util.Comparator.comparing(t -> t.createdAt().orElseThrow()))
                .map(t -> "task " + t.id() + " of " + t.startedBy() + ", started at " + t.createdAt().orElseThrow()
                        + ", has exec while task(s) " + ids(lacking) + " started before it lack it: exec was enabled"
                        + " between (during a rollout), and they could not have it");
    }

    /** Folds readiness checks into a plan: any FAIL makes the service EXEC_NOT_READY. */
    public static Plan withReadiness(Plan plan, List<Check> checks) {
        if (plan.decision() == Decision.FORCE_NEW_DEPLOYMENT) {
            return plan;
        }
        List<Check> all = new ArrayList<>(plan.checks());
        for (Check check : checks) {
            if (all.stream().noneMatch(c -> c.check().equals(check.check()) && c.target().equals(check.target()))) {
                all.add(check);
            }
        }
        all = ExecReadiness.causesFirst(all);
        List<String> reasons = new ArrayList<>(plan.reasons());
        List<Check> failed = all.stream().filter(c -> c.status() == Check.Status.FAIL).toList();
        long warned = all.stream().filter(c -> c.status() == Check.Status.WARN).count();
        if (failed.isEmpty()) {
            reasons.add("exec readiness: " + all.size() + " check(s), none failed" + (warned > 0 ? ", "
                    + warned + " warning(s)" : ""));
            return new Plan(plan.decision(), reasons, List.of(), all);
        }
        List<Check> configuration = failed.stream().filter(c -> !c.check().equals(EXEC_ENABLED)).toList();
        List<Check> withoutExec = failed.stream().filter(c -> c.check().equals(EXEC_ENABLED)).toList();
        reasons.add("exec readiness: " + failed.size() + " failed check(s)"
                + (withoutExec.isEmpty() ? "" : "; " + names(withoutExec) + " started without exec, which a new"
                + " deployment gives them")
                + (configuration.isEmpty() ? "" : "; " + names(configuration) + ": no deployment is forced for these,"
                + " they need a configuration change"));
        return new Plan(Decision.EXEC_NOT_READY, reasons, List.of(), all);
    }

    /** Empty when the tasks decide; otherwise the no-action plan saying why they do not matter now. */
    private static Optional<Plan> blocker(ServiceView view, List<String> reasons, Optional<Instant> execEnabledAt) {
        Optional<String> notServing = Rollouts.notServing(view);
        if (notServing.isPresent()) {
            return Optional.of(Plan.noAction(reasons, notServing.get()));
        }
        if (!view.enableExecuteCommand()) {
            return Optional.of(Plan.noAction(reasons, "service " + view.service()
                    + " has enableExecuteCommand=false; there is no ECS Exec to roll out"));
        }
        if (view.desiredCount() == 0) {
            return Optional.of(Plan.noAction(reasons, "service " + view.service() + " has desiredCount 0: a forced"
                    + " deployment would start no task, and the tasks it starts when scaled up come with ECS Exec"));
        }
        List<Deployment> live = live(view);
        if (rolloutInProgress(view)) {
            return Optional.of(Plan.noAction(reasons, "rollout in progress (" + live.stream()
                    .map(d -> d.status() + " " + d.id() + (d.rolloutState() == RolloutState.NONE ? "" : " " + d.rolloutState()))
                    .collect(Collectors.joining(", ")) + "); it replaces the running tasks, so exec is checked "
                    + "again when it completes" + execEnabledAt.filter(at -> at.isAfter(view.primary().orElseThrow()
                    .createdAt())).map(at -> "; exec was enabled at " + at + ", after this rollout began: the"
                    + " tasks it started before then lack exec, and a deployment is forced for them once it is done"
                    + " (ecs-medic keeps the time of the record)")
                    .orElse("")));
        }
        return Optional.empty();
    }

    private static List<Deployment> live(ServiceView view) {
        return view.deployments().stream()
                .filter(d -> d.status() == DeploymentStatus.PRIMARY || d.status() == DeploymentStatus.ACTIVE).toList();
    }

    /**
     * A rollout that will replace the running tasks: the PRIMARY in progress, or more than one live deployment
     * unless the PRIMARY FAILED. A FAILED PRIMARY with older ACTIVE deployments is a circuit breaker without
     * rollback: ECS launches no more of its tasks and it never completes (with rollback, a new PRIMARY rolls back).
     */
    static boolean rolloutInProgress(ServiceView view) {
        boolean failed = view.primary().filter(p -> p.rolloutState() == RolloutState.FAILED).isPresent();
        return (live(view).size() > 1 && !failed) || view.primary().map(Deployment::inProgress).orElse(false);
    }

    /**
     * Whether the time exec was enabled must be kept for a later invocation: it was enabled after the rollout in
     * progress began, whose tasks started before then will lack exec when it is done.
     */
    public static boolean enablementOutlivesThisEvent(ServiceView view, Instant enabledAt) {
        return rolloutInProgress(view) && view.primary().filter(p -> enabledAt.isAfter(p.createdAt())).isPresent();
    }

    private static boolean withinCooldown(Deployment primary, Duration cooldown, Instant now) {
        return primary.createdAt().isAfter(now.minus(cooldown));
    }

    private static boolean agentNotRunning(TaskView task) {
        return task.enableExecuteCommand() && task.containers().stream().filter(ExecReadiness::agentExpected)
                .anyMatch(c -> c.managedAgents().stream()
                .filter(a -> ExecReadiness.AGENT.equals(a.name()))
                .noneMatch(a -> "RUNNING".equals(a.lastStatus())));
    }

    private static String names(List<Check> checks) {
        return checks.stream().map(c -> c.check() + " " + c.target()).distinct().collect(Collectors.joining(", "));
    }

    private static String ids(List<TaskView> tasks) {
        return tasks.stream().map(TaskView::id).collect(Collectors.joining(", "));
    }
}
