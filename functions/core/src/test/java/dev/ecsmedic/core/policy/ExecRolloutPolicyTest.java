package dev.ecsmedic.core.policy;

import static dev.ecsmedic.core.policy.ExecIncident.COOLDOWN;
import static dev.ecsmedic.core.policy.ExecIncident.ENABLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExecRolloutPolicyTest {

    private static final Instant RIGHT_AFTER = ENABLED.plusSeconds(5);
    private static final Instant AFTER_ROLLOUT = ENABLED.plusSeconds(600);
    private static final Instant AFTER_COOLDOWN = ENABLED.plus(COOLDOWN).plusSeconds(60);

    static Stream<Arguments> timeline() {
        return Stream.of(
                row("exec enabled, the old task runs without it: force once",
                        ExecIncident::execJustEnabled, RIGHT_AFTER, Decision.FORCE_NEW_DEPLOYMENT, "force a new deployment"),
                row("exec not enabled on the service: nothing to roll out",
                        () -> disabled(ExecIncident.execJustEnabled()), RIGHT_AFTER, Decision.NO_ACTION,
                        "enableExecuteCommand=false"),
                row("the forced rollout is in progress (PRIMARY + ACTIVE): it replaces the task",
                        () -> ExecIncident.execJustEnabled().forced(), RIGHT_AFTER, Decision.NO_ACTION,
                        "rollout in progress"),
                row("a single PRIMARY still IN_PROGRESS: wait for it",
                        () -> onlyPrimary(ExecIncident.execJustEnabled().forced()), RIGHT_AFTER, Decision.NO_ACTION,
                        "rollout in progress"),
                row("the rollout COMPLETED and the new task has exec: done",
                        () -> ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", true, "RUNNING"),
                        AFTER_ROLLOUT, Decision.NO_ACTION, "all 1 running task(s) have ECS Exec enabled"),
                row("the rollout COMPLETED within the cool-down yet the task lacks exec: report, never loop",
                        () -> ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", false, ""),
                        AFTER_ROLLOUT, Decision.EXEC_NOT_READY, "not forcing another deployment"),
                row("the rollout FAILED within the cool-down and the task lacks exec: report, never loop",
                        () -> ExecIncident.execJustEnabled().forced().rolloutDone("FAILED", false, ""),
                        AFTER_ROLLOUT, Decision.EXEC_NOT_READY, "is FAILED"),
                row("past the cool-down a task without exec is forced again, once per cool-down",
                        () -> ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", false, ""),
                        AFTER_COOLDOWN, Decision.FORCE_NEW_DEPLOYMENT, "force a new deployment"),
                row("a task already stopping does not count",
                        () -> stopping(ExecIncident.execJustEnabled()), RIGHT_AFTER, Decision.NO_ACTION,
                        "no running task"),
                row("a draining service is left alone",
                        () -> draining(ExecIncident.execJustEnabled()), RIGHT_AFTER, Decision.NO_ACTION,
                        "not ACTIVE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeline")
    void givenTheServiceInThisStateThePolicyDecides(String story, Supplier<ExecIncident> given, Instant now,
                                                    Decision expected, String because) {
        Plan plan = ExecRolloutPolicy.decide(given.get().view(), COOLDOWN, now, Optional.empty());
        Plan onCloudTrailEvent = ExecRolloutPolicy.decide(given.get().view(), COOLDOWN, now, Optional.of(ENABLED));

        assertEquals(expected, plan.decision(), plan.reasons().toString());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains(because)), plan.reasons().toString());
        assertEquals(expected == Decision.FORCE_NEW_DEPLOYMENT ? 1 : 0, plan.actions().size());
        assertEquals(plan.decision(), onCloudTrailEvent.decision(), "exec was enabled before these deployments");
    }

    @Test
    void theForceNamesTheServiceAndTheTasksWithoutExec() {
        Plan plan = ExecRolloutPolicy.decide(ExecIncident.execJustEnabled().view(), COOLDOWN, RIGHT_AFTER,
                Optional.empty());

        Action.ForceNewDeployment force = (Action.ForceNewDeployment) plan.actions().get(0);
        assertEquals("observability", force.cluster());
        assertEquals("prometheus", force.service());
        assertTrue(force.reason().contains("70f05430aaaabbbbccccddddeeeeffff"), force.reason());
    }

    @Test
    void theCooldownReportSaysWhichTaskLacksExecAndHowToFixIt() {
        Plan plan = ExecRolloutPolicy.decide(ExecIncident.execJustEnabled().forced()
                .rolloutDone("COMPLETED", false, "").view(), COOLDOWN, AFTER_ROLLOUT, Optional.empty());

        Check check = plan.checks().get(0);
        assertEquals(Check.Status.FAIL, check.status());
        assertEquals("task/b483c64d26044da4a545f6bdde554eca", check.target());
        assertTrue(check.fix().contains("--force-new-deployment"), check.fix());
    }

    @Test
    void tasksAreReadOnlyWhenTheyDecide() {
        assertTrue(ExecRolloutPolicy.needsTasks(ExecIncident.execJustEnabled().view()));
        assertFalse(ExecRolloutPolicy.needsTasks(ExecIncident.execJustEnabled().forced().view()));
        assertFalse(ExecRolloutPolicy.needsTasks(disabled(ExecIncident.execJustEnabled()).view()));
    }

    @Test
    void readinessIsCheckedAfterARecentRolloutOrWhileAnAgentIsNotRunning() {
        ServiceView healthy = ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", true, "RUNNING").view();
        ServiceView stuck = ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", true, "PENDING").view();

        assertTrue(ExecRolloutPolicy.readinessDue(healthy, COOLDOWN, AFTER_ROLLOUT));
        assertFalse(ExecRolloutPolicy.readinessDue(healthy, COOLDOWN, AFTER_COOLDOWN));
        assertTrue(ExecRolloutPolicy.readinessDue(stuck, COOLDOWN, AFTER_COOLDOWN));
        assertFalse(ExecRolloutPolicy.readinessDue(ExecIncident.execJustEnabled().forced().view(), COOLDOWN,
                AFTER_ROLLOUT));
    }

    @Test
    void aFailedReadinessCheckMakesTheServiceNotReadyWithoutAnAction() {
        Plan done = Plan.noAction(List.of("all 1 running task(s) have ECS Exec enabled"));
        Check pass = new Check("platform-version", "task/x", Check.Status.PASS, "Fargate platform version 1.4.0", "");
        Check fail = new Check("task-role-ssmmessages", "arn:aws:iam::123456789012:role/prometheus-task",
                Check.Status.FAIL, "the task role lacks ssmmessages:CreateControlChannel", "allow it");

        assertEquals(Decision.NO_ACTION, ExecRolloutPolicy.withReadiness(done, List.of(pass)).decision());
        Plan notReady = ExecRolloutPolicy.withReadiness(done, List.of(pass, fail));
        assertEquals(Decision.EXEC_NOT_READY, notReady.decision());
        assertTrue(notReady.actions().isEmpty());
        assertTrue(notReady.reasons().get(notReady.reasons().size() - 1).contains("task-role-ssmmessages"));
    }

    private static Arguments row(String story, Supplier<ExecIncident> given, Instant now, Decision expected,
                                 String because) {
        return Arguments.of(story, given, now, expected, because);
    }

    private static ExecIncident disabled(ExecIncident incident) {
        incident.execOnService = false;
        return incident;
    }

    private static ExecIncident draining(ExecIncident incident) {
        incident.status = "DRAINING";
        return incident;
    }

    private static ExecIncident onlyPrimary(ExecIncident incident) {
        incident.deployments.remove(1);
        return incident;
    }

    private static ExecIncident stopping(ExecIncident incident) {
        TaskView t = incident.tasks.remove(0);
        incident.tasks.add(ExecIncident.task(t.taskArn(), t.taskDefinitionArn(), t.startedBy(), "RUNNING", "STOPPED",
                t.createdAt().orElseThrow(), false, ""));
        return incident;
    }

    @Test
    void aDeploymentCreatedJustBeforeExecWasEnabledIsForcedDespiteTheCooldown() {
        ExecIncident recent = ExecIncident.execJustEnabled();
        Deployment d = recent.deployments.remove(0);
        recent.deployments.add(new Deployment(d.id(), d.status(), d.rolloutState(), d.rolloutStateReason(),
                d.taskDefinition(), 1, 0, 1, 0, ENABLED.minusSeconds(90), ENABLED.minusSeconds(10)));

        Plan fromSchedule = ExecRolloutPolicy.decide(recent.view(), COOLDOWN, RIGHT_AFTER, Optional.empty());
        Plan fromCloudTrail = ExecRolloutPolicy.decide(recent.view(), COOLDOWN, RIGHT_AFTER, Optional.of(ENABLED));

        assertEquals(Decision.EXEC_NOT_READY, fromSchedule.decision(), fromSchedule.reasons().toString());
        assertEquals(Decision.FORCE_NEW_DEPLOYMENT, fromCloudTrail.decision(), fromCloudTrail.reasons().toString());
        assertTrue(fromCloudTrail.reasons().stream().anyMatch(r -> r.contains("could not have it")));
    }

    @Test
    void aLateDuplicateOfTheCloudTrailEventDoesNotForceTheForcedDeploymentAgain() {
        ServiceView done = ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", false, "").view();

        Plan plan = ExecRolloutPolicy.decide(done, COOLDOWN, AFTER_ROLLOUT, Optional.of(ENABLED));

        assertEquals(Decision.EXEC_NOT_READY, plan.decision(), plan.reasons().toString());
    }

    @Test
    void theCooldownIsMeasuredFromTheDeploymentsCreation() {
        ServiceView done = ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", false, "").view();
        Instant created = done.primary().orElseThrow().createdAt();

        assertEquals(Decision.EXEC_NOT_READY, ExecRolloutPolicy.decide(done, COOLDOWN,
                created.plus(COOLDOWN).minusSeconds(1), Optional.empty()).decision());
        assertEquals(Decision.FORCE_NEW_DEPLOYMENT, ExecRolloutPolicy.decide(done, COOLDOWN,
                created.plus(COOLDOWN), Optional.empty()).decision());
        assertEquals(Decision.FORCE_NEW_DEPLOYMENT, ExecRolloutPolicy.decide(done, Duration.ZERO,
                created.plusSeconds(1), Optional.empty()).decision());
    }

    @Test
    void aDeploymentThatFailedWithoutRollbackIsNotWaitedFor() {
        ExecIncident failed = ExecIncident.execJustEnabled().forced();
        Deployment d = failed.deployments.remove(0);
        failed.deployments.add(0, new Deployment(d.id(), d.status(), RolloutState.FAILED,
                "ECS deployment circuit breaker: tasks failed to start.", d.taskDefinition(), 1, 0, 0, 3,
                d.createdAt(), d.createdAt().plusSeconds(300)));
        ServiceView view = failed.view();

        assertTrue(ExecRolloutPolicy.needsTasks(view), "the tasks decide: nothing is in progress");
        Plan soon = ExecRolloutPolicy.decide(view, COOLDOWN, AFTER_ROLLOUT, Optional.empty());
        assertEquals(Decision.EXEC_NOT_READY, soon.decision(), soon.reasons().toString());
        assertTrue(soon.reasons().stream().noneMatch(r -> r.contains("rollout in progress")), soon.reasons().toString());
        assertTrue(soon.reasons().stream().anyMatch(r -> r.contains("FAILED without rollback")
                && r.contains("never completes")), soon.reasons().toString());
        Plan later = ExecRolloutPolicy.decide(view, COOLDOWN, AFTER_COOLDOWN, Optional.of(ENABLED.plus(COOLDOWN)));
        assertEquals(Decision.EXEC_NOT_READY, later.decision(), "no deployment of the revision that just failed");
        assertTrue(later.checks().get(0).fix().contains("roll back"), later.checks().get(0).fix());
        assertTrue(ExecRolloutPolicy.readinessDue(view, COOLDOWN, AFTER_ROLLOUT), "readiness is checked, not waited");
    }

    @Test
    void aRollbackAfterAFailedDeploymentIsARolloutInProgress() {
        ExecIncident rollingBack = ExecIncident.execJustEnabled().forced();
        Deployment failedOne = rollingBack.deployments.remove(0);
        Deployment old = rollingBack.deployments.remove(0);
        rollingBack.deployments.add(new Deployment("ecs-svc/rollback", DeploymentStatus.PRIMARY,
                RolloutState.IN_PROGRESS, "rolling back", old.taskDefinition(), 1, 1, 0, 0, ENABLED.plusSeconds(400),
                ENABLED.plusSeconds(400)));
        rollingBack.deployments.add(new Deployment(failedOne.id(), DeploymentStatus.ACTIVE, RolloutState.FAILED,
                "circuit breaker", failedOne.taskDefinition(), 1, 0, 0, 3, failedOne.createdAt(),
                ENABLED.plusSeconds(400)));

        Plan plan = ExecRolloutPolicy.decide(rollingBack.view(), COOLDOWN, AFTER_ROLLOUT, Optional.empty());
        assertEquals(Decision.NO_ACTION, plan.decision());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("rollout in progress")), plan.reasons().toString());
    }

    @Test
    void aFinishedInitContainerDoesNotKeepTheReadinessCheckDue() {
        ExecIncident done = ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", true, "RUNNING");
        TaskView t = done.tasks.remove(0);
        List<TaskView.ContainerView> containers = new java.util.ArrayList<>(t.containers());
        containers.add(new TaskView.ContainerView("init", Optional.of(0), "", "STOPPED", "UNKNOWN",
                List.of(new TaskView.ManagedAgent(ExecReadiness.AGENT, "STOPPED", "", Optional.empty()))));
        done.tasks.add(new TaskView(t.taskArn(), t.taskDefinitionArn(), t.group(), t.startedBy(), t.lastStatus(),
                t.desiredStatus(), t.healthStatus(), true, t.launchType(), t.platformVersion(), t.createdAt(),
                t.startedAt(), t.stoppedAt(), "", "", containers, t.subnetId(), ""));

        assertFalse(ExecRolloutPolicy.readinessDue(done.view(), COOLDOWN, AFTER_COOLDOWN));
    }
}
