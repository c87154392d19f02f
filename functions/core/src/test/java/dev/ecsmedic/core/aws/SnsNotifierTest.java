package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The subject people see in their mail: what was decided, whether only in dry-run, and for which services. */
class SnsNotifierTest {

    private static final Origin ALARM = new Origin("aws.cloudwatch", "CloudWatch Alarm State Change", "id", "alarm");
    private static final Report.ActionRecord STOP = new Report.ActionRecord("StopTask", "arn:task", true, "why", "");

    private static Report report(String service, boolean dryRun, List<Report.ActionRecord> actions,
                                 List<Report> services) {
        return new Report("AlarmRemediatorFunction", ALARM, "observability", service,
                actions.isEmpty() && services.isEmpty() ? Decision.NO_ACTION : Decision.STOP_STALE_TASKS, List.of(),
                actions, List.of(), dryRun, List.of(), services);
    }

    @Test
    void subjectNamesTheDecisionAndTheService() {
        assertEquals("ecs-medic STOP_STALE_TASKS observability/prometheus",
                SnsNotifier.subject(report("prometheus", false, List.of(STOP), List.of())));
        assertEquals("ecs-medic STOP_STALE_TASKS (dry run) observability/prometheus",
                SnsNotifier.subject(report("prometheus", true, List.of(STOP), List.of())));
    }

    @Test
    void sweepSubjectNamesOnlyTheServicesActedOnAndFitsSnsLimit() {
        Report sweep = report("", false, List.of(), List.of(report("prometheus", false, List.of(STOP), List.of()),
                report("web", false, List.of(), List.of()), report("x".repeat(120), false, List.of(STOP), List.of())));
        String subject = SnsNotifier.subject(sweep);
        assertEquals(SnsNotifier.MAX_SUBJECT, subject.length());
        assertEquals("ecs-medic STOP_STALE_TASKS observability/prometheus, observability/xxx",
                subject.substring(0, 70));
    }
}
