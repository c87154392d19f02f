package dev.ecsmedic.core.report;

import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.policy.Check;
import dev.ecsmedic.core.policy.Decision;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of one invocation: what triggered it, what was decided and why, what was done. Logged as one JSON
 * line and returned as the function's result (for Lambda destinations). A sweep holds one report per service.
 * {@code deployment} is the service's PRIMARY deployment when it was observed, {@code requestId} Lambda's id of
 * the invocation; both are empty when unknown.
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
        List<Report> services,
        String deployment,
        String requestId) {

    public Report {
        reasons = List.copyOf(reasons);
        actions = List.copyOf(actions);
        checks = List.copyOf(checks);
        awsCalls = List.copyOf(awsCalls);
        services = List.copyOf(services);
        deployment = deployment == null ? "" : deployment;
        requestId = requestId == null ? "" : requestId;
    }

    public Report(String function, Origin trigger, String cluster, String service, Decision decision,
                  List<String> reasons, List<ActionRecord> actions, List<Check> checks, boolean dryRun,
                  List<String> awsCalls, List<Report> services) {
        this(function, trigger, cluster, service, decision, reasons, actions, checks, dryRun, awsCalls, services,
                "", "");
    }

    /** This report with more reasons (after notifying, say) and every AWS call the invocation made. */
    public Report amended(List<String> moreReasons, List<String> allCalls) {
        List<String> all = new ArrayList<>(reasons);
        all.addAll(moreReasons);
        return new Report(function, trigger, cluster, service, decision, all, actions, checks, dryRun, allCalls,
                services, deployment, requestId);
    }

    /** This report as written by the invocation {@code id} (the services it holds name it once, here). */
    public Report withRequestId(String id) {
        return new Report(function, trigger, cluster, service, decision, reasons, actions, checks, dryRun, awsCalls,
                services, deployment, id);
    }

    /**
     * What makes two notifications of this report's actions the same: per action, the service, the deployment it
     * was planned for, the action, its target and its outcome (planned in dry run, executed, or not executed).
     */
    public List<String> actionKeys() {
        return actions.stream().map(a -> String.join("|", cluster, service, deployment, a.action(), a.target(),
                a.executed() ? "executed" : a.error().isEmpty() ? "planned" : "not executed")).toList();
    }

    /** One planned action, whether it was carried out, and the reason sent with it. */
    public record ActionRecord(String action, String target, boolean executed,
                               String reason, String error) {}
}
