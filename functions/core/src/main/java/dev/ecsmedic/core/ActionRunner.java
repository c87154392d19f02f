package dev.ecsmedic.core;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.port.Actions;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.Claims.Claim;
import dev.ecsmedic.core.report.Report.ActionRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a plan's actions in order, or only records them in dry run. Each action is first claimed for this
 * invocation ({@link Claims}): an action another invocation holds is theirs and is not repeated. After one fails
 * (or cannot be claimed) the rest are skipped: a plan is proven as a whole, and half of it carried out is
 * reported, never continued blindly.
 */
final class ActionRunner {

    private final Actions actions;
    private final Claims claims;
    private final String function;
    private final String holder;
    private final Clock clock;
    private final boolean dryRun;

    /** {@code holder}: the invocation (Lambda's request id, which its retries keep) that claims the actions. */
    ActionRunner(Actions actions, Claims claims, String function, String holder, Clock clock, boolean dryRun) {
        this.actions = actions;
        this.claims = claims;
        this.function = function;
        this.holder = holder;
        this.clock = clock;
        this.dryRun = dryRun;
    }

    private static final String THEIRS = "claimed by ";

    /** Whether the record is of an action another invocation holds: theirs to carry out, and to tell of. */
    static boolean theirs(ActionRecord record) {
        return !record.executed() && record.error().startsWith(THEIRS);
    }

    /** What happened to each action, the reasons to add to the report, and whether an action failed. */
    record Outcome(List<ActionRecord> records, List<String> reasons, boolean failed) {}

    Outcome run(Plan plan) {
        List<ActionRecord> records = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean failed = false;
        for (Action action : plan.actions()) {
            String name = action.getClass().getSimpleName();
            if (dryRun) {
                records.add(new ActionRecord(name, action.target(), false, action.reason(), ""));
                continue;
            }
            if (failed) {
                records.add(new ActionRecord(name, action.target(), false, action.reason(), "skipped after a failure"));
                continue;
            }
            Optional<Claim> other;
            try {
                Instant now = clock.instant();
                other = claims.take(new Claim(name + " " + action.target(), holder, function, now,
                        now.plus(Claims.LEASE)));
            } catch (AwsFailure e) {
                failed = true;
                String why = "not claimed, so not carried out: " + e.getMessage();
                records.add(new ActionRecord(name, action.target(), false, action.reason(), why));
                reasons.add(name + " " + action.target() + " " + why);
                continue;
            }
            if (other.isPresent()) {
                String why = THEIRS + other.get().function() + " (invocation " + other.get().holder()
                        + ") at " + other.get().at() + " until " + other.get().until();
                records.add(new ActionRecord(name, action.target(), false, action.reason(), why));
                reasons.add(name + " " + action.target() + " not repeated: " + why);
                continue;
            }
            try {
                Optional<String> done = actions.execute(action);
                records.add(new ActionRecord(name, action.target(), done.isEmpty(), action.reason(), done.orElse("")));
                done.ifPresent(why -> reasons.add(name + " " + action.target() + " not repeated: " + why));
            } catch (AwsFailure e) {
                failed = true;
                records.add(new ActionRecord(name, action.target(), false, action.reason(), e.getMessage()));
                reasons.add(name + " " + action.target() + " failed: " + e.getMessage());
            }
        }
        if (dryRun && !plan.actions().isEmpty()) {
            reasons.add("dry run (DRY_RUN=true): nothing was changed");
        }
        return new Outcome(records, reasons, failed);
    }
}
