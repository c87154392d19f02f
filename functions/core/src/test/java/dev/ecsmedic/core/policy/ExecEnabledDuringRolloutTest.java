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
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * 22:24:41 an operator deploys revision 8 of Prometheus' sibling service; 22:25:41, while that rollout runs, exec is
 * enabled. CloudTrail's record arrives during the rollout, which will not give exec to the tasks it started before.
 * When the rollout completes, those tasks lack exec although nothing is misconfigured.
 */
class ExecEnabledDuringRolloutTest {

    private static final String ROLLOUT = "ecs-svc/2233445566778899001";
    private static final Instant BEGAN = ENABLED.minusSeconds(60);
    private static final Instant COMPLETED = ENABLED.plusSeconds(120);
    private static final Instant AFTER = COMPLETED.plusSeconds(10);
    private static final String EARLY = "arn:aws:ecs:us-east-1:123456789012:task/observability/aaaa0000aaaa0000aaaa0000aaaa0001";
    private static final String LATE = "arn:aws:ecs:us-east-1:123456789012:task/observability/bbbb0000bbbb0000bbbb0000bbbb0002";

    /** The rollout in progress: its first task started at 22:24:46, before exec was enabled, so without it. */
    private static ServiceView inProgress() {
        ExecIncident service = ExecIncident.execJustEnabled().forced();
        Deployment forced = service.deployments.remove(0);
        service.deployments.add(0, new Deployment(ROLLOUT, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS, "",
                forced.taskDefinition(), 2, 1, 0, 0, BEGAN, BEGAN));
        service.tasks.add(ExecIncident.task(EARLY, forced.taskDefinition(), ROLLOUT, "RUNNING", "RUNNING",
                BEGAN.plusSeconds(5), false, ""));
        return service.view();
    }

    /** The rollout COMPLETED at 22:27:41 with its early task, and (when {@code late}) one started after 22:25:41. */
    private static ServiceView completed(boolean late) {
        return completed(BEGAN.plusSeconds(5), late ? Optional.of(ENABLED.plusSeconds(40)) : Optional.empty());
    }

    private static ServiceView completed(Instant lackingStarted, Optional<Instant> withExecStarted) {
        boolean late = withExecStarted.isPresent();
        ExecIncident service = ExecIncident.execJustEnabled().forced().rolloutDone("COMPLETED", false, "");
        Deployment done = service.deployments.remove(0);
        service.deployments.add(new Deployment(ROLLOUT, DeploymentStatus.PRIMARY, RolloutState.COMPLETED, "",
                done.taskDefinition(), late ? 2 : 1, 0, late ? 2 : 1, 0, BEGAN, COMPLETED));
        service.tasks.clear();
        service.tasks.add(ExecIncident.task(EARLY, done.taskDefinition(), ROLLOUT, "RUNNING", "RUNNING",
                lackingStarted, false, ""));
        withExecStarted.ifPresent(at -> service.tasks.add(ExecIncident.task(LATE, done.taskDefinition(), ROLLOUT,
                "RUNNING", "RUNNING", at, true, "RUNNING")));
        return service.view();
    }

    @Test
    void theRecordArrivingDuringTheRolloutSaysWhatWillHappen() {
        Plan plan = ExecRolloutPolicy.decide(inProgress(), COOLDOWN, ENABLED.plusSeconds(2), Optional.of(ENABLED));

        assertEquals(Decision.NO_ACTION, plan.decision());
        String reason = plan.reasons().get(plan.reasons().size() - 1);
        assertTrue(reason.contains("exec was enabled at " + ENABLED + ", after this rollout began: the tasks it"
                + " started before then lack exec"), reason);
    }

    @Test
    void whenTheRolloutCompletesItsOwnLaterTaskProvesExecWasEnabledMeanwhile() {
        Plan plan = ExecRolloutPolicy.decide(completed(true), COOLDOWN, AFTER, Optional.empty());

        assertEquals(Decision.FORCE_NEW_DEPLOYMENT, plan.decision(), plan.reasons().toString());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("task bbbb0000bbbb0000bbbb0000bbbb0002 of " + ROLLOUT
                + ", started at " + ENABLED.plusSeconds(40) + ", has exec while task(s)"
                + " aaaa0000aaaa0000aaaa0000aaaa0001 started before it lack it")), plan.reasons().toString());
    }

    @Test
    void withoutProofTheReportSaysADeploymentFixesItAndWhenEcsMedicForcesIt() {
        Plan plan = ExecRolloutPolicy.decide(completed(false), COOLDOWN, AFTER, Optional.empty());
        Plan reported = ExecRolloutPolicy.withReadiness(plan, List.of());

        assertEquals(Decision.EXEC_NOT_READY, reported.decision());
        assertTrue(reported.actions().isEmpty());
        String all = String.join(" | ", reported.reasons());
        assertFalse(all.contains("configuration change"), all);
        assertTrue(all.contains("not forcing another deployment before " + BEGAN.plus(COOLDOWN)), all);
        assertTrue(all.contains("exec-enabled task/aaaa0000aaaa0000aaaa0000aaaa0001 started without exec, which a new"
                + " deployment gives them"), all);
        assertTrue(reported.checks().get(0).fix().startsWith("a new deployment gives it exec"),
                reported.checks().get(0).fix());
    }

    @Test
    void theRecordDeliveredAgainAfterTheRolloutIsEnoughOnItsOwn() {
        assertEquals(Decision.FORCE_NEW_DEPLOYMENT, ExecRolloutPolicy.decide(completed(false), COOLDOWN, AFTER,
                Optional.of(ENABLED)).decision());
    }

    @Test
    void aTaskStartedAfterTheRecordedEnablementThatLacksExecIsNotForcedAgain() {
        Plan plan = ExecRolloutPolicy.decide(completed(false), COOLDOWN, AFTER, Optional.of(BEGAN.minusSeconds(5)));

        assertEquals(Decision.EXEC_NOT_READY, plan.decision(), "ECS did not give exec to a task started after it was"
                + " enabled: forcing again could loop");
    }

    @Test
    void aTaskWithExecStartedBeforeTheOneLackingItProvesNothing() {
        ServiceView view = completed(ENABLED.plusSeconds(60), Optional.of(ENABLED.plusSeconds(40)));

        assertEquals(Decision.EXEC_NOT_READY, ExecRolloutPolicy.decide(view, COOLDOWN, AFTER, Optional.empty())
                .decision(), "a task lacking exec started after one that has it is not explained by the enablement");
    }

    /** Runs the policy's steps, answering its question about the kept enablement with {@code kept}. */
    private static Plan started(ServiceView view, Optional<Instant> kept, List<String> asked) {
        Settings settings = new Settings("observability", java.util.Set.of(view.service()), false,
                Settings.DEFAULT_LOCK_ERROR_PATTERN, java.time.Duration.ofSeconds(180), true, false, COOLDOWN);
        Step step = ExecRolloutPolicy.start(view, settings, AFTER, Optional.empty());
        while (!(step instanceof Step.Decided decided)) {
            if (step instanceof Step.NeedsTasks tasks) {
                step = tasks.then().apply(view);
            } else if (step instanceof Step.NeedsExecEnabledAt enabled) {
                asked.add("enabledAt");
                step = enabled.then().apply(kept);
            } else {
                Step.NeedsExecFacts facts = (Step.NeedsExecFacts) step;
                asked.add("execFacts");
                step = facts.then().apply(new ExecFacts("us-east-1", view.cluster(),
                        ExecFacts.ClusterExec.unknown("not read"), List.of()));
            }
        }
        return decided.plan();
    }

    @Test
    void aLoneTaskStartedBeforeTheKeptEnablementIsForcedWithoutWaitingForTheCooldown() {
        List<String> asked = new java.util.ArrayList<>();
        Plan plan = started(completed(false), Optional.of(ENABLED), asked);

        assertEquals(Decision.FORCE_NEW_DEPLOYMENT, plan.decision(), plan.reasons().toString());
        assertEquals(List.of("enabledAt"), asked, "the kept time is asked for only where the cool-down would wait");
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("exec was enabled at " + ENABLED)),
                plan.reasons().toString());
    }

    @Test
    void withoutAKeptEnablementTheLoneTaskWaitsForTheCooldownAsBefore() {
        Plan plan = started(completed(false), Optional.empty(), new java.util.ArrayList<>());
        assertEquals(Decision.EXEC_NOT_READY, plan.decision());
        Plan older = started(completed(false), Optional.of(BEGAN.minusSeconds(5)), new java.util.ArrayList<>());
        assertEquals(Decision.EXEC_NOT_READY, older.decision(), "kept, but older than the task: proves nothing");
    }

    @Test
    void theKeptEnablementIsNotAskedForWhenTheTasksDecide() {
        List<String> asked = new java.util.ArrayList<>();
        started(completed(true), Optional.of(ENABLED), asked);
        assertFalse(asked.contains("enabledAt"), "a later task with exec proves it already: " + asked);
    }
}
