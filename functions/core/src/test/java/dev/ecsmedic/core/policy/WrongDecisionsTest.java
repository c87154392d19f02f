package dev.ecsmedic.core.policy;

import static dev.ecsmedic.core.policy.Incident.DEF_NEW;
import static dev.ecsmedic.core.policy.Incident.DEF_OLD;
import static dev.ecsmedic.core.policy.Incident.NEW;
import static dev.ecsmedic.core.policy.Incident.NEW_TASK;
import static dev.ecsmedic.core.policy.Incident.OLD;
import static dev.ecsmedic.core.policy.Incident.OLD_TASK;
import static dev.ecsmedic.core.policy.Incident.SETTINGS;
import static dev.ecsmedic.core.policy.Incident.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.SchedulingStrategy;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskDefinitionView.ContainerDefinition;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The wrong decisions once made on the incident's service, each told as it happened and decided as it should be. */
class WrongDecisionsTest {

    private static final Instant NOW = T0.plusSeconds(120);
    private static final Map<String, LockEvidence> PROOF = Map.of(NEW_TASK, Incident.lockLine());

    @Test
    void aSidecarKilledWithTheBlockedTaskDoesNotHideTheLock() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        incident.definitions.put(DEF_NEW, withSidecar(incident.definitions.get(DEF_NEW)));
        TaskView exited = incident.tasks.remove(1);
        List<ContainerView> containers = new ArrayList<>(exited.containers());
        containers.add(new ContainerView("log-router", Optional.of(137), "", "STOPPED", "UNKNOWN", List.of()));
        incident.tasks.add(with(exited, exited.stoppedReason(), containers));

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertEquals(Decision.STOP_STALE_TASKS, plan.decision(), plan.reasons().toString());
        assertEquals(OLD_TASK, plan.actions().get(0).target());
    }

    @Test
    void aWriterBehindALoadBalancerReplacedForFailingELBHealthChecksIsBlocked() {
        Incident incident = Incident.rollingDeployment();
        TaskView replaced = Incident.task(NEW_TASK, DEF_NEW, NEW, "STOPPED", "STOPPED", T0.plusSeconds(10),
                T0.plusSeconds(100), "ServiceSchedulerInitiated", 0);
        incident.tasks.add(with(replaced, "Task failed ELB health checks in (target-group "
                + "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/prometheus/0123456789abcdef)",
                replaced.containers()));

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertEquals(Decision.STOP_STALE_TASKS, plan.decision(), plan.reasons().toString());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("failed ELB health checks")));
    }

    @Test
    void twoTasksOnOneDirectoryCanNeverBothRunSoTheServingTaskIsNotStopped() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        Deployment p = incident.deployments.get(0);
        incident.deployments.set(0, new Deployment(p.id(), p.status(), p.rolloutState(), p.rolloutStateReason(),
                p.taskDefinition(), 2, 0, 1, 1, p.createdAt(), p.updatedAt()));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "wants 2 tasks");
    }

    @Test
    void aRollbackOntoTheRevisionTheOldTaskRunsDoesNotStopIt() {
        String rollback = "ecs-svc/5555555555555555555";
        Incident incident = Incident.rollingDeployment();
        Deployment failed = incident.deployments.remove(0);
        incident.deployments.add(0, new Deployment(rollback, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS,
                "ECS deployment " + rollback + " in progress.", DEF_OLD, 1, 0, 0, 1, T0.plusSeconds(200),
                T0.plusSeconds(200)));
        incident.deployments.add(1, new Deployment(failed.id(), DeploymentStatus.ACTIVE, RolloutState.FAILED,
                "ECS deployment circuit breaker: tasks failed to start.", DEF_NEW, 0, 0, 0, 3, failed.createdAt(),
                T0.plusSeconds(200)));
        incident.tasks.add(Incident.task(NEW_TASK, DEF_OLD, rollback, "STOPPED", "STOPPED", T0.plusSeconds(205),
                T0.plusSeconds(240), "EssentialContainerExited", 1));

        LockEvidence line = Incident.lockLine();
        Map<String, LockEvidence> proof = Map.of(NEW_TASK, new LockEvidence(NEW_TASK, line.logGroup(),
                line.logStream(), T0.plusSeconds(230), line.message()));

        Plan plan = StaleLockPolicy.decide(incident.view(), proof, SETTINGS, T0.plusSeconds(260));

        assertNoAction(plan, "rolls back to " + DEF_OLD);
    }

    @Test
    void whenTheLatestNewTaskFailedForAnotherReasonAnEarlierLockLineDoesNotCount() {
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        String later = NEW_TASK.replace("b483c64d", "c0ffee00");
        incident.tasks.add(Incident.task(later, DEF_NEW, NEW, "STOPPED", "STOPPED", T0.plusSeconds(80),
                T0.plusSeconds(95), "EssentialContainerExited", 1));

        Plan plan = StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW);

        assertNoAction(plan, "the latest failure decides");
    }

    @Test
    void aDeclaredButUnmountedVolumeIsNoLockDomainOnEitherSide() {
        Incident oldSide = Incident.rollingDeployment().newTaskExited(1);
        oldSide.definitions.put(DEF_OLD, unmounted(oldSide.definitions.get(DEF_OLD)));
        assertNoAction(StaleLockPolicy.decide(oldSide.view(), PROOF, SETTINGS, NOW), "not a lock holder");

        Incident newSide = Incident.rollingDeployment().newTaskExited(1);
        newSide.definitions.put(DEF_NEW, unmounted(newSide.definitions.get(DEF_NEW)));
        assertNoAction(StaleLockPolicy.decide(newSide.view(), PROOF, SETTINGS, NOW), "no essential container mounts");
    }

    @Test
    void blueGreenExternalAndDaemonServicesAreNotDecidedAsRollingReplicas() {
        ServiceView incident = Incident.rollingDeployment().newTaskExited(1).view();
        for (DeploymentController controller : List.of(DeploymentController.CODE_DEPLOY,
                DeploymentController.EXTERNAL, DeploymentController.UNKNOWN)) {
            assertNoAction(StaleLockPolicy.decide(as(incident, controller, SchedulingStrategy.REPLICA), PROOF,
                    SETTINGS, NOW), "deployed by " + controller);
        }
        assertNoAction(StaleLockPolicy.decide(as(incident, DeploymentController.ECS, SchedulingStrategy.DAEMON),
                PROOF, SETTINGS, NOW), "DAEMON scheduling strategy");
        assertEquals(Decision.STOP_STALE_TASKS, StaleLockPolicy.decide(as(incident, DeploymentController.ECS,
                SchedulingStrategy.REPLICA), PROOF, SETTINGS, NOW).decision());
    }

    @Test
    void aLockLineFromAnotherTasksStreamOrFromBeforeTheDeploymentIsNoProof() {
        ServiceView incident = Incident.rollingDeployment().newTaskExited(1).view();
        LockEvidence line = Incident.lockLine();
        LockEvidence otherStream = new LockEvidence(NEW_TASK, line.logGroup(),
                "prometheus/prometheus/70f05430aaaabbbbccccddddeeeeffff", line.at(), line.message());
        LockEvidence before = new LockEvidence(NEW_TASK, line.logGroup(), line.logStream(), T0.minusSeconds(5),
                line.message());

        assertNoAction(StaleLockPolicy.decide(incident, Map.of(NEW_TASK, otherStream), SETTINGS, NOW),
                "is not one of its own log streams");
        assertNoAction(StaleLockPolicy.decide(incident, Map.of(NEW_TASK, before), SETTINGS, NOW),
                "before deployment " + NEW + " was created");
    }

    @Test
    void whenTwoNewTasksAreStillStoppingAFailureTheLockCannotExplainWinsTheTie() {
        Incident incident = Incident.rollingDeployment();
        incident.tasks.add(Incident.task(NEW_TASK, DEF_NEW, NEW, "DEACTIVATING", "STOPPED", T0.plusSeconds(10), null,
                "EssentialContainerExited", 1));
        TaskView failed = Incident.task(NEW_TASK.replace("b483c64d", "c0ffee00"), DEF_NEW, NEW, "DEACTIVATING",
                "STOPPED", T0.plusSeconds(40), null, "TaskFailedToStart", null);
        incident.tasks.add(with(failed, "ResourceInitializationError: unable to pull secrets", failed.containers()));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "cannot fix");
    }

    @Test
    void twoOldTasksThatWouldEachHoldALockOnOneDirectoryAreNotStopped() {
        String access = "arn:aws:ecs:us-east-1:123456789012:task-definition/prometheus:5";
        Incident incident = Incident.rollingDeployment().newTaskExited(1);
        TaskDefinitionView both = incident.definitions.get(DEF_NEW);
        incident.definitions.put(DEF_NEW, new TaskDefinitionView(DEF_NEW, both.family(), both.taskRoleArn(),
                List.of(both.efsVolumes().get(0), new TaskDefinitionView.EfsVolume("rules", "fs-0123456789abcdef0",
                        "/rules")), List.of(mounting(both.containers().get(0), "prometheus-data", "rules"))));
        incident.definitions.put(access, new TaskDefinitionView(access, both.family(), both.taskRoleArn(),
                incident.definitions.get(DEF_NEW).efsVolumes(), incident.definitions.get(DEF_NEW).containers()));
        incident.deployments.add(new Deployment("ecs-svc/1111111111111111111", DeploymentStatus.ACTIVE,
                RolloutState.COMPLETED, "", access, 1, 0, 1, 0, T0.minusSeconds(90_000), T0.minusSeconds(90_000)));
        incident.tasks.add(Incident.task(OLD_TASK.replace("70f05430", "99999999"), access,
                "ecs-svc/1111111111111111111", "RUNNING", "RUNNING", T0.minusSeconds(90_000), null, "", 0));
        incident.definitions.put(DEF_OLD, new TaskDefinitionView(DEF_OLD, both.family(), both.taskRoleArn(),
                List.of(new TaskDefinitionView.EfsVolume("rules", "fs-0123456789abcdef0", "/rules")),
                List.of(mounting(both.containers().get(0), "rules"))));

        assertNoAction(StaleLockPolicy.decide(incident.view(), PROOF, SETTINGS, NOW), "one writer per directory");
    }

    private static ContainerDefinition mounting(ContainerDefinition c, String... volumes) {
        return new ContainerDefinition(c.name(), c.essential(), c.hasHealthCheck(), c.awslogs(),
                c.readonlyRootFilesystem(), c.initProcessEnabled(), java.util.Arrays.stream(volumes)
                .map(v -> new TaskDefinitionView.MountPoint(v, "/" + v)).toList());
    }

    private static ServiceView as(ServiceView v, DeploymentController controller, SchedulingStrategy strategy) {
        return new ServiceView(v.cluster(), v.service(), v.status(), v.enableExecuteCommand(), v.desiredCount(),
                controller, strategy, v.deployments(), v.tasks(), v.taskDefinitions());
    }

    private static TaskDefinitionView withSidecar(TaskDefinitionView d) {
        List<ContainerDefinition> containers = new ArrayList<>(d.containers());
        containers.add(new ContainerDefinition("log-router", false, false, Optional.empty(), false, false));
        return new TaskDefinitionView(d.arn(), d.family(), d.taskRoleArn(), d.efsVolumes(), containers);
    }

    private static TaskDefinitionView unmounted(TaskDefinitionView d) {
        List<ContainerDefinition> containers = d.containers().stream().map(c -> new ContainerDefinition(c.name(),
                c.essential(), c.hasHealthCheck(), c.awslogs(), c.readonlyRootFilesystem(), c.initProcessEnabled()))
                .toList();
        return new TaskDefinitionView(d.arn(), d.family(), d.taskRoleArn(), d.efsVolumes(), containers);
    }

    private static TaskView with(TaskView t, String stoppedReason, List<ContainerView> containers) {
        return new TaskView(t.taskArn(), t.taskDefinitionArn(), t.group(), t.startedBy(), t.lastStatus(),
                t.desiredStatus(), HealthStatus.UNKNOWN, false, t.launchType(), t.platformVersion(), t.createdAt(),
                t.startedAt(), t.stoppedAt(), t.stopCode(), stoppedReason, containers);
    }

    private static void assertNoAction(Plan plan, String reasonFragment) {
        assertEquals(Decision.NO_ACTION, plan.decision(), plan.reasons().toString());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains(reasonFragment)),
                "expected a reason containing '" + reasonFragment + "' in " + plan.reasons());
    }
}
