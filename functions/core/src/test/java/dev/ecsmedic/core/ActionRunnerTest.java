package dev.ecsmedic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.port.Actions;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.Claims.Claim;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every action is claimed before it is carried out, and only by the invocation whose claim holds. */
class ActionRunnerTest {

    private static final Instant NOW = Instant.parse("2025-11-13T09:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Action STOP = new Action.StopTask("observability",
            "arn:aws:ecs:us-east-1:123456789012:task/observability/old", "stale lock holder");
    private static final Action FORCE = new Action.ForceNewDeployment("observability", "prometheus", "exec");

    /** Claims kept in memory with the table's rule: free, expired, or the same holder's. */
    private static final class Table implements Claims {
        final Map<String, Claim> held = new HashMap<>();

        @Override
        public Optional<Claim> take(Claim claim) {
            Claim now = held.get(claim.key());
            if (now == null || now.until().isBefore(claim.at()) || now.holder().equals(claim.holder())) {
                held.put(claim.key(), claim);
                return Optional.empty();
            }
            return Optional.of(now);
        }
    }

    private final List<Action> carriedOut = new ArrayList<>();
    private final Actions actions = action -> {
        carriedOut.add(action);
        return Optional.empty();
    };

    private static Plan plan(Action... actions) {
        return new Plan(Decision.STOP_STALE_TASKS, List.of("proven"), List.of(actions));
    }

    @Test
    void onlyTheFirstOfTwoInvocationsCarriesOutTheSameAction() {
        Table table = new Table();
        ActionRunner.Outcome first = new ActionRunner(actions, table, "StaleLockRemediatorFunction", "request-1",
                CLOCK, false).run(plan(STOP));
        ActionRunner.Outcome second = new ActionRunner(actions, table, "AlarmRemediatorFunction", "request-2",
                CLOCK, false).run(plan(STOP));

        assertEquals(List.of(STOP), carriedOut);
        assertTrue(first.records().get(0).executed());
        assertFalse(second.records().get(0).executed());
        assertFalse(second.failed(), "another invocation's claim is no failure: the action is theirs");
        assertTrue(second.records().get(0).error().contains("claimed by StaleLockRemediatorFunction (invocation "
                + "request-1)"), second.records().get(0).error());
        assertTrue(second.reasons().get(0).contains("not repeated"), second.reasons().toString());
        Claim claim = table.held.get("StopTask " + STOP.target());
        assertEquals(NOW.plus(Claims.LEASE), claim.until());
    }

    @Test
    void theSameInvocationTakesItsClaimAgainAndALapsedClaimIsFree() {
        Table table = new Table();
        new ActionRunner(actions, table, "ExecRolloutFunction", "request-1", CLOCK, false).run(plan(FORCE));
        new ActionRunner(actions, table, "ExecRolloutFunction", "request-1", CLOCK, false).run(plan(FORCE));
        Clock later = Clock.offset(CLOCK, Claims.LEASE.plusSeconds(1));
        new ActionRunner(actions, table, "ExecRolloutFunction", "request-2", later, false).run(plan(FORCE));
        new ActionRunner(actions, table, "ExecRolloutFunction", "request-3", later, false).run(plan(FORCE));

        assertEquals(3, carriedOut.size(), "request-1 twice (Lambda's retry), request-2 after the lease; not 3");
    }

    @Test
    void anActionThatCannotBeClaimedIsNotCarriedOutAndTheRestAreSkipped() {
        Claims unanswered = claim -> {
            throw new AwsFailure(AwsFailure.Kind.UNAVAILABLE, "SdkClientException", "", "no answer", null);
        };
        ActionRunner.Outcome outcome = new ActionRunner(actions, unanswered, "StaleLockRemediatorFunction",
                "request-1", CLOCK, false).run(plan(STOP, FORCE));

        assertTrue(carriedOut.isEmpty());
        assertTrue(outcome.failed(), "a claim that may not exist is a failure: Lambda retries the event");
        assertTrue(outcome.records().get(0).error().startsWith("not claimed, so not carried out"),
                outcome.records().get(0).error());
        assertEquals("skipped after a failure", outcome.records().get(1).error());
    }

    @Test
    void aDryRunClaimsNothing() {
        ActionRunner.Outcome outcome = new ActionRunner(actions, Claims.NONE, "StaleLockRemediatorFunction",
                "request-1", CLOCK, true).run(plan(STOP));

        assertTrue(carriedOut.isEmpty());
        assertFalse(outcome.records().get(0).executed());
        assertFalse(outcome.failed());
    }
}
