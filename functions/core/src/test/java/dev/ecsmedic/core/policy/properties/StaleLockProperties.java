package dev.ecsmedic.core.policy.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.StaleLockPolicy;
import dev.ecsmedic.core.policy.Step;
import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.SchedulingStrategy;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/** What the stale-lock decision never does, on every generated service state, and what it always does on a deadlock. */
class StaleLockProperties {

    /** Any state near the boundary, and states one to three changes away from a deadlock. */
    @Provide
    Arbitrary<ServiceStates.State> states() {
        return Arbitraries.frequencyOf(Tuple.of(1, ServiceStates.anyState()), Tuple.of(3, NearDeadlocks.states()));
    }

    @Provide
    Arbitrary<Deadlocks.Deadlock> deadlocks() {
        return Deadlocks.canonical();
    }

    private static Plan decide(ServiceStates.State s) {
        Plan plan = StaleLockPolicy.decide(s.view(), s.evidence(), s.settings(), s.now());
        Statistics.label("decision").collect(plan.decision());
        return plan;
    }

    @Property(tries = 2500)
    void neverStopsATaskOfThePrimaryAnotherServiceOrClusterOrNotRunning(@ForAll("states") ServiceStates.State s) {
        Plan plan = decide(s);
        ServiceView view = s.view();
        Set<String> older = view.active().stream().map(d -> d.id()).collect(Collectors.toSet());
        for (Action action : plan.actions()) {
            assertEquals(ServiceStates.CLUSTER, ((Action.StopTask) action).cluster());
        }
        for (TaskView task : Oracle.stopped(view, plan)) {
            assertTrue(task.running(), "stops a task that is not RUNNING: " + task);
            assertTrue(older.contains(task.startedBy()), "stops a task of no older deployment: " + task);
            assertEquals("service:" + ServiceStates.SERVICE, task.group(), "stops another service's task");
            assertTrue(task.taskArn().contains(":task/" + ServiceStates.CLUSTER + "/"), "stops another cluster's task");
        }
    }

    @Property(tries = 2000)
    void stopsOnlyTasksSharingAMountedLockDomainWithTheBlockedDeployment(@ForAll("states") ServiceStates.State s) {
        Plan plan = decide(s);
        ServiceView view = s.view();
        List<TaskView> latest = Oracle.latestFailures(view, s.now());
        for (TaskView task : Oracle.stopped(view, plan)) {
            Set<String> shared = Oracle.mountedDomains(view, task);
            assertTrue(latest.stream().anyMatch(b -> Oracle.mountedDomains(view, b).stream()
                    .anyMatch(shared::contains)), "stops " + task.id() + " (" + shared
                    + ") that shares no mounted lock domain with the latest blocked task(s)");
        }
    }

    @Property(tries = 2000)
    void neverStopsWithoutTheLatestBlockedTasksOwnLockLine(@ForAll("states") ServiceStates.State s) {
        Plan plan = decide(s);
        if (plan.actions().isEmpty()) {
            return;
        }
        List<TaskView> latest = Oracle.latestFailures(s.view(), s.now());
        assertTrue(latest.stream().allMatch(t -> Oracle.failure(s.view(), t, s.now()).orElseThrow().cause()
                == Oracle.Cause.LOCK_COULD_EXPLAIN), "acts although the latest failure is not the lock: " + latest);
        if (s.settings().requireLockEvidence()) {
            assertTrue(Oracle.someOwnLine(s.view(), latest, s.evidence()),
                    "stops without a lock line from the latest blocked task's own stream: " + plan.reasons());
        }
    }

    @Property(tries = 2000)
    void neverStopsMoreTasksThanTheBlockedDeploymentLacks(@ForAll("states") ServiceStates.State s) {
        Plan plan = decide(s);
        ServiceView view = s.view();
        var primary = Oracle.primary(view);
        long serving = Oracle.primaryTasks(view).stream()
                .filter(t -> t.running() && t.healthStatus() != dev.ecsmedic.core.view.HealthStatus.UNHEALTHY)
                .count();
        long lacking = Math.max(0, primary.desiredCount() - serving);
        List<TaskView> stopped = Oracle.stopped(view, plan);
        if (primary.desiredCount() > 1) {
            assertTrue(stopped.isEmpty(), "a deployment of " + primary.desiredCount()
                    + " tasks on one lock can never complete, yet tasks are stopped");
        }
        Set<String> domains = stopped.stream().flatMap(t -> Oracle.mountedDomains(view, t).stream())
                .collect(Collectors.toSet());
        for (String domain : domains) {
            long onDomain = stopped.stream().filter(t -> Oracle.mountedDomains(view, t).contains(domain)).count();
            assertTrue(onDomain <= lacking, "stops " + onDomain + " holders of " + domain + " while the deployment"
                    + " lacks " + lacking);
        }
    }

    @Property(tries = 2000)
    void neverActsWhenNothingWaitsOnALockHolder(@ForAll("states") ServiceStates.State s) {
        Plan plan = decide(s);
        ServiceView view = s.view();
        var primary = Oracle.primary(view);
        boolean rolling = view.deploymentController() == DeploymentController.ECS
                && view.schedulingStrategy() == SchedulingStrategy.REPLICA && !primary.rolloutState().settled();
        boolean oldTaskRuns = view.tasks().stream().anyMatch(t -> !primary.id().equals(t.startedBy())
                && t.running());
        boolean someoneWaits = Oracle.primaryTasks(view).stream()
                .anyMatch(t -> Oracle.failure(view, t, s.now()).isPresent());
        if (!rolling || !oldTaskRuns || !someoneWaits) {
            assertEquals(Decision.NO_ACTION, plan.decision(), "acts with nothing waiting: " + plan.reasons());
        }
    }

    @Property(tries = 1000)
    void aRollbackNeverStopsTheTaskAlreadyRunningItsRevision(@ForAll("states") ServiceStates.State s) {
        Plan plan = decide(s);
        ServiceView view = s.view();
        boolean rollback = view.active().stream().anyMatch(d -> d.rolloutState() == RolloutState.FAILED);
        for (TaskView task : Oracle.stopped(view, plan)) {
            assertTrue(!rollback || !task.taskDefinitionArn().equals(Oracle.primary(view).taskDefinition()),
                    "a rollback stops " + task.id() + " that already runs the revision it rolls back to");
        }
    }

    /**
     * Whatever the trigger (a task event, a deployment event, the schedule, an alarm, a CloudTrail record with the
     * time exec was enabled), the plan is the same, and the only logs read are those of failed new tasks.
     */
    @Property(tries = 1000)
    void theTriggerChangesNothingAndOnlyFailedNewTasksLogsAreRead(@ForAll("states") ServiceStates.State s,
                                                                    @ForAll boolean withExecEnabledAt) {
        Optional<Instant> execEnabledAt = withExecEnabledAt ? Optional.of(s.now().minusSeconds(60)) : Optional.empty();
        Step step = StaleLockPolicy.start(s.view(), s.settings(), s.now(), execEnabledAt);
        if (step instanceof Step.NeedsTasks tasks) {
            step = tasks.then().apply(s.view());
        }
        if (step instanceof Step.NeedsEvidence proof) {
            for (TaskView task : proof.tasks()) {
                assertTrue(Oracle.failure(s.view(), task, s.now()).isPresent(),
                        "reads the logs of " + task.id() + ", not a failed task of the PRIMARY deployment");
                assertEquals(Oracle.primary(s.view()).id(), task.startedBy());
            }
            step = proof.then().apply(s.evidence());
        }
        Plan plan = ((Step.Decided) step).plan();
        assertEquals(decide(s), plan);
    }

    @Property(tries = 1500)
    void everyCanonicalDeadlockStopsExactlyTheHoldersNeeded(@ForAll("deadlocks") Deadlocks.Deadlock d) {
        Plan plan = decide(d.state());

        assertEquals(Decision.STOP_STALE_TASKS, plan.decision(), plan.reasons().toString());
        assertEquals(d.holders(), plan.actions().stream().map(Action::target).collect(Collectors.toSet()),
                plan.reasons().toString());
        Statistics.label("lock domains").collect(d.domains());
        Statistics.label("holders").collect(d.holders().size());
    }
}
