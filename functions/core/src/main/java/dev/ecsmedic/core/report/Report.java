package dev.ecsmedic.core.report;

import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.policy.Check;
import dev.ecsmedic.core.policy.Decision;
import java.util.List;

/**
 * The record of one invocation: what triggered it, what was decided and why, what was done. Logged as one JSON
 * line and returned as the function's result (for Lambda destinations). A sweep holds one report per service.
 */
public record Report(
        String function,
        Origin trigger,
        String cluster,
        String service,
        Decision decision,
        List<String> reasons,
        List<ActionRecord> actions,
        List<Check> checks,
        boolean dryRun,
        List<String> awsCalls,
        List<Report> services) {

    public Report {
        reasons = List.copyOf(reasons);
        actions = List.copyOf(actions);
        checks = List.copyOf(checks);
        awsCalls = List.copyOf(awsCalls);
        services = List.copyOf(services);
    }

    /** This report with more reasons (after notifying, say) and every AWS call the invocation made. */
    public Report amended(List<String> moreReasons, List<String> allCalls) {
        List<String> all = new java.util.ArrayList<>(reasons);
        all.addAll(moreReasons);
        return new Report(function, trigger, cluster, service, decision, all, actions, checks, dryRun, allCalls,
                services);
    }

    /** One planned action, whether it was carried out, and the reason sent with it. */
    public record ActionRecord(String action, String target, boolean executed,
                               String reason, String error) {}
}
