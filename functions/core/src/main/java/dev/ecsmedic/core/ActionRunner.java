package dev.ecsmedic.core;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.port.Actions;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.report.Report.ActionRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a plan's actions in order, or only records them in dry run. After one fails the rest are skipped:
 * a plan is proven as a whole, and half of it carried out is reported, never continued blindly.
 */
final class ActionRunner {

    private final Actions actions;
    private final boolean dryRun;

    ActionRunner(Actions actions, boolean dryRun) {
        this.actions = actions;
        this.dryRun = dryRun;
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
