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

    public static Plan noAction(List<String> reasons, String last) {
        List<String> all = new ArrayList<>(reasons);
        all.add(last);
        return noAction(all);
    }
}
