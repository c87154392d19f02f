package dev.ecsmedic.cli;

import dev.ecsmedic.core.policy.Check;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.report.Report;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;

/** A plan's report as a person reads it: what would change and why, or why nothing would. */
final class PlanText {

    private PlanText() {}

    static void print(Report report, Settings settings, String deployedWatch, PrintWriter out) {
        out.println("ecs-medic plan (dry run, read-only) with the stack's settings:");
        out.println("  LOCK_ERROR_PATTERN=\"" + settings.lockErrorPattern() + "\" PENDING_GRACE_SECONDS="
                + settings.pendingGrace().toSeconds() + " REQUIRE_LOCK_EVIDENCE=" + settings.requireLockEvidence());
        List<Report> services = report.services().isEmpty() ? List.of(report) : report.services();
        if (!report.services().isEmpty() || report.service().isEmpty()) {
            report.reasons().forEach(r -> out.println("  " + r));
        }
        int changes = 0;
        for (Report service : services) {
            changes += service(service, deployedWatch, out);
        }
        out.println();
        if (report.decision() == Decision.FAILED || services.stream().anyMatch(s -> s.decision() == Decision.FAILED)) {
            out.println("Plan failed: AWS could not be read; see the reasons above.");
        } else if (changes == 0) {
            out.println("No changes. ecs-medic would do nothing now.");
        } else {
            out.println("Plan: " + changes + " action(s). ecs-medic would do this now if DRY_RUN were false.");
        }
    }

    private static int service(Report report, String deployedWatch, PrintWriter out) {
        if (report.service().isEmpty()) {
            return 0;
        }
        out.println();
        out.println("service " + report.cluster() + "/" + report.service() + ": " + report.decision());
        boolean watched = Arrays.stream(deployedWatch.split(",")).map(String::trim)
                .anyMatch(s -> s.equals("*") || s.equals(report.service()));
        if (!watched) {
            out.println("  note: WatchedServices=" + deployedWatch + " does not name " + report.service()
                    + "; the deployed functions would leave it alone");
        }
        for (Report.ActionRecord action : report.actions()) {
            out.println("  # " + action.target() + " would be changed");
            out.println("  ~ " + action.action() + " " + action.target());
            out.println("      reason: \"" + action.reason() + "\"");
        }
        out.println("  because:");
        report.reasons().forEach(r -> out.println("    - " + r));
        for (Check check : report.checks()) {
            out.println("  check " + check.status() + " " + check.check() + " " + check.target() + ": "
                    + check.detail() + (check.fix().isEmpty() ? "" : " (fix: " + check.fix() + ")"));
        }
        out.println("  AWS calls: " + (report.awsCalls().isEmpty() ? "none" : String.join(", ", report.awsCalls())));
        return report.actions().size();
    }
}
