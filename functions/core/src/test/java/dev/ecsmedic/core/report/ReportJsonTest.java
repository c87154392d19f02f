package dev.ecsmedic.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.policy.Check;
import dev.ecsmedic.core.policy.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JSON byte for byte: field order, empty values left out, escaping, the log line's metric fields. */
class ReportJsonTest {

    static Report sweep() {
        Report service = new Report("stale-lock-remediator", new Origin("aws.ecs", "ECS Task State Change", "e-1",
                "task abc STOPPED"), "observability", "prometheus", Decision.STOP_STALE_TASKS,
                List.of("lock held by \"old\" task", "é ✓ \u2028 tab\there"),
                List.of(new Report.ActionRecord("StopTask", "arn:aws:ecs:us-east-1:1:task/observability/old", true,
                        "stale lock", ""), new Report.ActionRecord("StopTask", "t2", false, "", "AccessDenied")),
                List.of(new Check("lock", "prometheus", Check.Status.FAIL, "held </script>", "")),
                false, List.of("ecs.DescribeServices", "ecs.StopTask"), List.of(), "ecs-svc/1", "");
        return new Report("stale-lock-remediator", Origin.unknown(""), "", "", Decision.NO_ACTION, List.of(),
                List.of(), List.of(), true, List.of(), List.of(service), "", "req-1");
    }

    private static final String SERVICE = "{\"function\":\"stale-lock-remediator\",\"decision\":\"STOP_STALE_TASKS\","
            + "\"cluster\":\"observability\",\"service\":\"prometheus\",\"deployment\":\"ecs-svc/1\",\"dryRun\":false,"
            + "\"trigger\":{\"source\":\"aws.ecs\",\"detailType\":\"ECS Task State Change\",\"eventId\":\"e-1\","
            + "\"cause\":\"task abc STOPPED\"},\"reasons\":[\"lock held by \\\"old\\\" task\","
            + "\"é ✓ \u2028 tab\\there\"],\"actions\":[{\"action\":\"StopTask\","
            + "\"target\":\"arn:aws:ecs:us-east-1:1:task/observability/old\",\"executed\":true,"
            + "\"reason\":\"stale lock\"},{\"action\":\"StopTask\",\"target\":\"t2\",\"executed\":false,"
            + "\"error\":\"AccessDenied\"}],\"checks\":[{\"check\":\"lock\",\"target\":\"prometheus\","
            + "\"status\":\"FAIL\",\"detail\":\"held </script>\"}],"
            + "\"awsCalls\":[\"ecs.DescribeServices\",\"ecs.StopTask\"]}";

    private static final String SWEEP = "\"function\":\"stale-lock-remediator\",\"requestId\":\"req-1\","
            + "\"decision\":\"NO_ACTION\",\"dryRun\":true,\"services\":[" + SERVICE + "]";

    @Test
    void theReportIsWrittenFieldByFieldInItsOrder() {
        assertEquals("{" + SWEEP + "}", ReportJson.write(sweep()));
    }

    @Test
    void theLogLineAddsTheEmbeddedMetrics() {
        assertEquals("{" + SWEEP + ",\"Function\":\"stale-lock-remediator\",\"Decision\":\"NO_ACTION\","
                + "\"Decisions\":1,\"ActionsExecuted\":1,\"_aws\":{\"Timestamp\":1763073160000,"
                + "\"CloudWatchMetrics\":[{\"Namespace\":\"ecs-medic\",\"Dimensions\":[[\"Function\",\"Decision\"]],"
                + "\"Metrics\":[{\"Name\":\"Decisions\",\"Unit\":\"Count\"},{\"Name\":\"ActionsExecuted\","
                + "\"Unit\":\"Count\"}]}]}}", ReportJson.logLine(sweep(), 1_763_073_160_000L));
    }
}
