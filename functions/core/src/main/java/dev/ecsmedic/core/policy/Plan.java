package dev.ecsmedic.core.policy;

import java.util.ArrayList;
import java.util.List;

/** What a policy decided for one service, and every reason it had, in the order they were found. */
public record Plan(Decision decision, List<String> reasons, List<Action> actions, List<Check> checks) {

    public Plan {
        reasons = List.copyOf(reasons);
        actions = List.copyOf(actions);
        checks = List.copyOf(checks);
        if (actions.isEmpty() != (decision == Decision.NO_ACTION || decision == Decision.EXEC_NOT_READY
                || decision == Decision.FAILED)) {
            throw new IllegalArgumentException(decision + " with " + actions.size() + " actions");
        }
    }

    public Plan(Decision decision, List<String> reasons, List<Action> actions) {
        this(decision, reasons, actions, List.of());
    }

    public static Plan noAction(List<String> reasons) {
        return new Plan(Decision.NO_ACTION, reasons, List.of());
    }

    /**
     * The plans of several remediations for one service as one: every reason (prefixed with its remediation's
     * name when {@code named}), every check, then the notes of the reads; it acts as the first plan that acts.
     */
    public static Plan merge(List<Named> plans, boolean named, List<String> notes) {
        List<String> reasons = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        Plan acting = null;
        for (Named each : plans) {
            String prefix = named ? each.remediation() + ": " : "";
            each.plan().reasons().forEach(r -> reasons.add(prefix + r));
            checks.addAll(each.plan().checks());
            if (acting == null && each.plan().decision() != Decision.NO_ACTION) {
                acting = each.plan();
            }
        }
        reasons.addAll(notes);
        return acting == null ? new Plan(Decision.NO_ACTION, reasons, List.of(), checks)
                : new Plan(acting.decision(), reasons, acting.actions(), checks);
    }

    /** A plan and the remediation that made it. */
    public record Named(String remediation, Plan plan) {}

    public static Plan noAction(List<String> reasons, String last) {
        List<String> all = new ArrayList<>(reasons);
        all.add(last);
        return noAction(all);
    }
}
