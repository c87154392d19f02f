package dev.ecsmedic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lock-error metric filter and alarm template.yaml ships, and the alarm rule they feed. */
class AlarmTemplateTest {
    private static final Path REPO = Path.of("..");
    private static final Map<String, String> SAMPLE = Map.of(
            "ClusterName", "observability",
            "WatchedServices", "prometheus",
            "LogGroupNames", "/ecs/observability/prometheus");

    private static SamTemplate load(Map<String, String> extra) {
        Map<String, String> parameters = new HashMap<>(SAMPLE);
        parameters.putAll(extra);
        return SamTemplate.load(REPO.resolve("template.yaml"), parameters);
    }

    private static SamTemplate withLockAlarm() {
        return load(Map.of("LockAlarmServiceName", "prometheus",
                "LockAlarmLogGroupName", "/ecs/observability/prometheus"));
    }

    @Test
    void noLockAlarmAndNoNotificationsUnlessAsked() {
        SamTemplate template = load(Map.of());
        assertEquals(Map.of(), template.resourcesOfType("AWS::CloudWatch::Alarm"));
        assertEquals(Map.of(), template.resourcesOfType("AWS::Logs::MetricFilter"));
        assertEquals(List.of("RemediationPolicy", "ClaimsPolicy"), List.copyOf(template.resourcesOfType("AWS::IAM::ManagedPolicy")
                .keySet()));
        assertEquals("", template.function("AlarmRemediatorFunction").orElseThrow().environment()
                .get("NOTIFICATION_TOPIC_ARN"));
    }

    @Test
    void metricFilterCountsTheQuotedLockErrorInTheServicesLogGroup() {
        JsonNode filter = withLockAlarm().resource("LockErrorMetricFilter").path("Properties");
        assertEquals("/ecs/observability/prometheus", filter.path("LogGroupName").asText());
        assertEquals("\"lock DB directory: resource temporarily unavailable\"", filter.path("FilterPattern").asText());
        JsonNode metric = filter.path("MetricTransformations").get(0);
        assertEquals("ecs-medic", metric.path("MetricNamespace").asText());
        assertEquals("LockErrors-observability-prometheus", metric.path("MetricName").asText());
        assertEquals("1", metric.path("MetricValue").asText());
    }

    @Test
    void alarmFiresOnTheFirstErrorOfAMinuteAndNamesItsServiceByTags() {
        JsonNode alarm = withLockAlarm().resource("LockErrorAlarm").path("Properties");
        assertEquals("ecs-medic-observability-prometheus-lock-errors", alarm.path("AlarmName").asText());
        assertEquals("LockErrors-observability-prometheus", alarm.path("MetricName").asText());
        assertEquals("Sum", alarm.path("Statistic").asText());
        assertEquals(60, alarm.path("Period").asInt());
        assertEquals(1, alarm.path("EvaluationPeriods").asInt());
        assertEquals(1, alarm.path("Threshold").asInt());
        assertEquals("GreaterThanOrEqualToThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals("notBreaching", alarm.path("TreatMissingData").asText());
        Map<String, String> tags = new HashMap<>();
        alarm.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        assertEquals(Map.of("ecs-medic:cluster", "observability", "ecs-medic:service", "prometheus",
                "ecs-medic:action", "stale-lock"), tags);
    }

    @Test
    void theShippedAlarmsStateChangeReachesTheAlarmFunctionOnlyInAlarm() throws Exception {
        SamTemplate template = withLockAlarm();
        EventRouter router = new EventRouter(template);
        String sample = Files.readString(REPO.resolve("events/cloudwatch-alarm-lock-errors.json"));
        assertTrue(sample.contains(template.resource("LockErrorAlarm").path("Properties").path("AlarmName").asText()));
        assertTrue(sample.contains(template.resource("LockErrorAlarm").path("Properties").path("MetricName").asText()));
        assertEquals(List.of("AlarmRemediatorFunction"), router.functionsFor(sample));
        assertEquals(List.of(), router.functionsFor(Files.readString(REPO.resolve("events/cloudwatch-alarm-ok.json"))));
        assertEquals(List.of(), new EventRouter(load(Map.of("AlarmNamePrefix", "team-")))
                .functionsFor(sample));
    }

    @Test
    void alarmFunctionReadsTagsOnlyOfOptedInAlarmsAndNotifiesOnlyWithATopic() {
        SamTemplate template = load(Map.of("NotificationTopicArn",
                "arn:aws:sns:us-east-1:123456789012:ecs-medic-actions"));
        JsonNode policies = template.resource("AlarmRemediatorFunction").path("Properties").path("Policies");
        assertTrue(policies.toString().contains("\"Sid\":\"ReadTagsOfOptedInAlarms\",\"Effect\":\"Allow\","
                + "\"Action\":\"cloudwatch:ListTagsForResource\","
                + "\"Resource\":\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ecs-medic-*\""), policies.toString());
        assertTrue(policies.toString().contains("${NotificationPolicy}"), policies.toString());
        assertTrue(template.resource("StaleLockRemediatorFunction").path("Properties").path("Policies").toString()
                .contains("${NotificationPolicy}"));
        assertEquals("arn:aws:sns:us-east-1:123456789012:ecs-medic-actions", template.resource("NotificationPolicy")
                .path("Properties").path("PolicyDocument").path("Statement").get(0).path("Resource").asText());
        assertEquals("arn:aws:sns:us-east-1:123456789012:ecs-medic-actions", template.function(
                "AlarmRemediatorFunction").orElseThrow().environment().get("NOTIFICATION_TOPIC_ARN"));
        assertEquals("ecs-medic-", template.function("AlarmRemediatorFunction").orElseThrow().environment()
                .get("ALARM_NAME_PREFIX"));
    }
}
