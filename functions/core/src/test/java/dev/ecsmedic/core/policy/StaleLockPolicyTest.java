package dev.ecsmedic.core.policy;

import static dev.ecsmedic.core.policy.Incident.NEW_TASK;
import static dev.ecsmedic.core.policy.Incident.OLD_TASK;
import static dev.ecsmedic.core.policy.Incident.SETTINGS;
import static dev.ecsmedic.core.policy.Incident.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StaleLockPolicyTest {

    private static final Instant NOW = T0.plusSeconds(120);
    private static final Map<String, LockEvidence> PROOF = Map.of(NEW_TASK, Incident.lockLine());

    @Test
    void givenTheIncidentWhenTheNewTaskLoggedTheLockErrorThenTheOldTaskIsStopped() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertEquals(Decision.STOP_STALE_TASKS, plan.decision(), plan.reasons().toString());
        assertEquals(1, plan.actions().size());
        Action.StopTask stop = (Action.StopTask) plan.actions().get(0);
        assertEquals(OLD_TASK, stop.taskArn());
        assertEquals("observability", stop.cluster());
        assertTrue(stop.reason().contains("b483c64d26044da4a545f6bdde554eca"), stop.reason());
        assertTrue(stop.reason().length() <= 255, "ECS limits a stop reason to 255 characters");
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("lock evidence")), plan.reasons().toString());
    }

    @Test
    void aNewTaskStillStoppingAfterItsContainerExitedIsAlreadyBlocked() {
        Incident incident = Incident.rollingDeployment();
        TaskView exited = Incident.task(NEW_TASK, Incident.DEF_NEW, Incident.NEW, "DEACTIVATING", "STOPPED",
                T0.plusSeconds(10), null, "EssentialContainerExited", 0);
        incident.tasks.add(new TaskView(exited.taskArn(), exited.taskDefinitionArn(), exited.group(),
                exited.startedBy(), exited.lastStatus(), exited.desiredStatus(), exited.healthStatus(), false,
                exited.launchType(), exited.platformVersion(), exited.createdAt(), exited.startedAt(),
                exited.stoppedAt(), exited.stopCode(), exited.stoppedReason(),
                List.of(new TaskView.ContainerView("prometheus", java.util.Optional.of(1), "", "STOPPED", "UNKNOWN",
                        List.of()))));

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertEquals(Decision.STOP_STALE_TASKS, plan.decision(), plan.reasons().toString());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("is stopping: container prometheus exited with code 1")),
                plan.reasons().toString());
    }

    @Test
    void aNewTaskReplacedForFailingItsHealthChecksIsBlockedWhenItsLogShowsTheLock() {
        Incident incident = Incident.rollingDeployment();
        TaskView replaced = Incident.task(NEW_TASK, Incident.DEF_NEW, Incident.NEW, "STOPPED", "STOPPED",
                T0.plusSeconds(10), T0.plusSeconds(130), "ServiceSchedulerInitiated", 137);
        incident.tasks.add(new TaskView(replaced.taskArn(), replaced.taskDefinitionArn(), replaced.group(),
                replaced.startedBy(), replaced.lastStatus(), replaced.desiredStatus(), HealthStatus.UNHEALTHY, false,
                replaced.launchType(), replaced.platformVersion(), replaced.createdAt(), replaced.startedAt(),
                replaced.stoppedAt(), replaced.stopCode(), "Task failed container health checks",
                replaced.containers()));

        Plan proven = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);
        Plan unproven = StaleLockPolicy.decide(incident.view(), Map.of(), SETTINGS, NOW);

        assertEquals(Decision.STOP_STALE_TASKS, proven.decision(), proven.reasons().toString());
        assertTrue(proven.reasons().stream().anyMatch(r -> r.contains("failed container health checks")));
        assertNoAction(unproven, "lock is not proven");
    }

    @Test
    void theBlockedTasksLogsAreReadOnlyWhenTheyDecide() {
        Incident blocked = Incident.rollingDeployment().newTaskExited(1);
        assertEquals(List.of(NEW_TASK), ids(StaleLockPolicy.tasksNeedingEvidence(blocked.view(), SETTINGS, NOW)));

        Incident noRollout = Incident.rollingDeployment();
        noRollout.deployments.remove(1);
        assertEquals(List.of(), StaleLockPolicy.tasksNeedingEvidence(noRollout.view(), SETTINGS, NOW));
        assertTrue(!StaleLockPolicy.needsTasks(completed().view()));
    }

    @Test
    void withoutLockEvidenceNothingIsStopped() {
        Plan plan = StaleLockPolicy.decide(Incident.rollingDeployment().newTaskExited(1).view(), Map.of(), SETTINGS, NOW);

        assertNoAction(plan, "lock is not proven");
    }

    @Test
    void withEvidenceSwitchedOffABlockedTaskIsEnough() {
        Settings lenient = new Settings("observability", SETTINGS.watchedServices(), false,
                SETTINGS.lockErrorPattern(), SETTINGS.pendingGrace(), false, false);

        Plan plan = StaleLockPolicy.decide(Incident.rollingDeployment().newTaskExited(1).view(), Map.of(), lenient, NOW);

        assertEquals(Decision.STOP_STALE_TASKS, plan.decision(), plan.reasons().toString());
        assertEquals(List.of(), StaleLockPolicy.tasksNeedingEvidence(
                Incident.rollingDeployment().newTaskExited(1).view(), lenient, NOW));
    }

    @Test
    void aNewTaskOutOfMemoryIsNotALockProblem() {
        Incident incident = Incident.rollingDeployment();
        incident.tasks.add(Incident.task(NEW_TASK, Incident.DEF_NEW, Incident.NEW, "STOPPED", "STOPPED",
                T0.plusSeconds(10), T0.plusSeconds(60), "EssentialContainerExited", 137,
                "OutOfMemoryError: Container killed due to memory usage"));

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertNoAction(plan, "cannot fix");
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("ran out of memory")), plan.reasons().toString());
    }

    @Test
    void aNewTaskThatFailedToStartIsNotALockProblem() {
        Incident incident = Incident.rollingDeployment();
        incident.tasks.add(Incident.task(NEW_TASK, Incident.DEF_NEW, Incident.NEW, "STOPPED", "STOPPED",
                T0.plusSeconds(10), T0.plusSeconds(30), "TaskFailedToStart", null));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "cannot fix");
    }

    @Test
    void aPendingTaskWithinGraceIsNotBlockedYet() {
        Plan plan = StaleLockPolicy.decide(Incident.rollingDeployment().newTaskPending(NOW.minusSeconds(60)).view(),
                PROOF, SETTINGS, NOW);

        assertNoAction(plan, "within the 180 s grace period");
    }

    @Test
    void aPendingTaskPastGraceIsNotWaitingForALock() {
        Incident incident = Incident.rollingDeployment().newTaskPending(NOW.minus(Duration.ofMinutes(4)));
        Settings lenient = new Settings("observability", SETTINGS.watchedServices(), false,
                SETTINGS.lockErrorPattern(), SETTINGS.pendingGrace(), false, false);

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "its process has not started");
        assertNoAction(StaleLockPolicy.decide(incident.view(), Map.of(), lenient, NOW), "still PENDING after 240 s");
    }

    @Test
    void noRolloutNoAction() {
        assertNoAction(StaleLockPolicy.decide(completed().view(), PROOF, SETTINGS, NOW), "COMPLETED");
    }

    @Test
    void aFailedRolloutIsLeftToTheCircuitBreaker() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        Deployment p = incident.deployments.get(0);
        incident.deployments.set(0, new Deployment(p.id(), p.status(), RolloutState.FAILED,
                "ECS deployment circuit breaker: task failed to start.", p.taskDefinition(), 1, 0, 0, 3,
                p.createdAt(), p.updatedAt()));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "FAILED");
    }

    @Test
    void anOldTaskAlreadyStoppingIsNotStoppedAgain() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        incident.tasks.set(0, Incident.task(OLD_TASK, Incident.DEF_OLD, Incident.OLD, "RUNNING", "STOPPED",
                T0.minus(Duration.ofDays(3)), null, "", 0));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "already stopping");
    }

    @Test
    void anOldTaskOnAnotherFileSystemIsNotTheHolder() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        incident.definitions.put(Incident.DEF_OLD, Incident.prometheus(Incident.DEF_OLD, "fs-0fedcba987654321f", "/prometheus"));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "no running old task mounts");
    }

    @Test
    void anOldTaskOnAnotherAccessPointOfTheSameFileSystemIsNotTheHolder() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        incident.definitions.put(Incident.DEF_OLD, withAccessPoint(Incident.DEF_OLD, "fsap-0aaaaaaaaaaaaaaaa"));
        incident.definitions.put(Incident.DEF_NEW, withAccessPoint(Incident.DEF_NEW, "fsap-0bbbbbbbbbbbbbbbb"));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "no running old task mounts");

        incident.definitions.put(Incident.DEF_NEW, withAccessPoint(Incident.DEF_NEW, "fsap-0aaaaaaaaaaaaaaaa"));
        assertEquals(Decision.STOP_STALE_TASKS, StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW).decision());
    }

    private static dev.ecsmedic.core.view.TaskDefinitionView withAccessPoint(String arn, String accessPoint) {
        var base = Incident.prometheus(arn, "fs-0123456789abcdef0", "/");
        return new dev.ecsmedic.core.view.TaskDefinitionView(arn, base.family(), base.taskRoleArn(),
                List.of(new dev.ecsmedic.core.view.TaskDefinitionView.EfsVolume("prometheus-data",
                        "fs-0123456789abcdef0", "/", accessPoint)), base.containers());
    }

    @Test
    void thePrimaryDeploymentsOwnTasksAreNeverStopped() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        incident.tasks.remove(0);
        incident.tasks.add(Incident.task(OLD_TASK, Incident.DEF_NEW, Incident.NEW, "RUNNING", "RUNNING",
                T0.plusSeconds(5), null, "", 0));

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertNoAction(plan, "no RUNNING task of an older deployment");
    }

    @Test
    void noMoreOldTasksAreStoppedThanTheNewDeploymentLacks() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        String second = OLD_TASK.replace("70f05430", "8a8a8a8a");
        incident.tasks.add(Incident.task(second, Incident.DEF_OLD, Incident.OLD, "RUNNING", "RUNNING",
                T0.minus(Duration.ofDays(1)), null, "", 0));

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertEquals(1, plan.actions().size());
        assertEquals(OLD_TASK, plan.actions().get(0).target(), "the oldest holder goes first");
    }

    @Test
    void anInactiveServiceIsLeftAlone() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        incident.status = "DRAINING";

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "not ACTIVE");
    }

    @Test
    void aCleanExitOfTheNewTaskIsNotABlock() {
        assertNoAction(StaleLockPolicy.decide(Incident.rollingDeployment().newTaskExited(0).view(), PROOF, SETTINGS, NOW),
                "is blocked");
    }

    private static Incident completed() {
        Incident incident = Incident.rollingDeployment();
        incident.deployments.clear();
        incident.deployments.add(new Deployment(Incident.OLD, DeploymentStatus.PRIMARY, RolloutState.COMPLETED, "", Incident.DEF_OLD, 1, 0, 1, 0,
                T0, T0));
        return incident;
    }

    private static void assertNoAction(Plan plan, String reasonFragment) {
        assertEquals(Decision.NO_ACTION, plan.decision(), plan.reasons().toString());
        assertTrue(plan.actions().isEmpty());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains(reasonFragment)),
                "expected a reason containing '" + reasonFragment + "' in " + plan.reasons());
    }

    private static List<String> ids(List<TaskView> tasks) {
        return tasks.stream().map(TaskView::taskArn).toList();
    }
}
