package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sns.model.PublishRequest;

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

    private static Report planned(String deployment, Report.ActionRecord action) {
        return new Report("StaleLockRemediatorFunction", ALARM, "observability", "prometheus",
                Decision.STOP_STALE_TASKS, List.of(), List.of(action), List.of(), true, List.of(), List.of(),
                deployment, "req-1");
    }

    @Test
    void attributesLetASubscriptionFilterOnDecisionDryRunAndService() {
        PublishRequest request = SnsNotifier.request("arn:aws:sns:us-east-1:123456789012:people",
                planned("ecs-svc/1", STOP));

        assertEquals("STOP_STALE_TASKS", request.messageAttributes().get("decision").stringValue());
        assertEquals("true", request.messageAttributes().get("dryRun").stringValue());
        assertEquals("prometheus", request.messageAttributes().get("service").stringValue());
        assertEquals("ecs-svc/1", request.messageAttributes().get("deployment").stringValue());
        assertNull(request.messageDeduplicationId(), "a standard topic takes no deduplication id");
        assertNull(request.messageGroupId());
    }

    @Test
    void aFifoTopicDropsTheSameNotificationAndKeepsAnotherDeploymentsOrOutcome() {
        String fifo = "arn:aws:sns:us-east-1:123456789012:people.fifo";
        PublishRequest first = SnsNotifier.request(fifo, planned("ecs-svc/1", STOP));
        PublishRequest again = SnsNotifier.request(fifo, planned("ecs-svc/1", STOP));
        PublishRequest rollback = SnsNotifier.request(fifo, planned("ecs-svc/2", STOP));
        PublishRequest failed = SnsNotifier.request(fifo, planned("ecs-svc/1",
                new Report.ActionRecord("StopTask", "arn:task", false, "why", "AccessDenied")));

        assertEquals(first.messageDeduplicationId(), again.messageDeduplicationId());
        assertNotEquals(first.messageDeduplicationId(), rollback.messageDeduplicationId());
        assertNotEquals(first.messageDeduplicationId(), failed.messageDeduplicationId());
        assertTrue(first.messageDeduplicationId().length() <= 128, first.messageDeduplicationId());
        assertEquals("observability/prometheus", first.messageGroupId());
    }
}
