package dev.ecsmedic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What template.yaml gives the people who run ecs-medic: alarms on what needs them, told to NotificationTopicArn,
 * and the KMS permission an encrypted topic needs, granted on exactly its key.
 */
class OperabilityTemplateTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ecs-medic-people";
    private static final String KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private static SamTemplate load(Map<String, String> extra) {
        Map<String, String> parameters = new HashMap<>(Map.of("ClusterName", "observability",
                "WatchedServices", "prometheus", "LogGroupNames", "/ecs/observability/prometheus"));
        parameters.putAll(extra);
        return SamTemplate.load(TEMPLATE, parameters);
    }

    private static Map<String, JsonNode> alarmsOn(SamTemplate template, String namespace, String metric) {
        Map<String, JsonNode> alarms = new HashMap<>();
        template.resourcesOfType("AWS::CloudWatch::Alarm").forEach((id, alarm) -> {
            JsonNode p = alarm.path("Properties");
            if (p.path("Namespace").asText().equals(namespace) && p.path("MetricName").asText().equals(metric)) {
                alarms.put(id, p);
            }
        });
        return alarms;
    }

    private static Map<String, String> dimensions(JsonNode alarm) {
        Map<String, String> dimensions = new HashMap<>();
        alarm.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
        return dimensions;
    }

    @Test
    void theFailedEventsQueueHoldingAMessageAlarms() {
        Map<String, JsonNode> alarms = alarmsOn(load(Map.of("NotificationTopicArn", TOPIC)), "AWS/SQS",
                "ApproximateNumberOfMessagesVisible");
        assertEquals(1, alarms.size(), alarms.toString());
        JsonNode alarm = alarms.values().iterator().next();
        assertEquals(Map.of("QueueName", "${FailedEventsQueue.QueueName}"), dimensions(alarm));
        assertEquals("GreaterThanOrEqualToThreshold", alarm.path("ComparisonOperator").asText());
        assertEquals(1, alarm.path("Threshold").asInt());
    }

    @Test
    void everyFunctionsErrorsAndFailedDecisionsAlarm() {
        SamTemplate template = load(Map.of("NotificationTopicArn", TOPIC));
        Set<String> functions = new TreeSet<>();
        template.functions().forEach(f -> functions.add(f.logicalId()));

        Set<String> erring = new TreeSet<>();
        alarmsOn(template, "AWS/Lambda", "Errors").values().forEach(a -> erring.add(
                dimensions(a).get("FunctionName").replace("${", "").replace("}", "")));
        Set<String> failing = new TreeSet<>();
        alarmsOn(template, "ecs-medic", "Decisions").values().forEach(a -> {
            assertEquals("FAILED", dimensions(a).get("Decision"), a.toString());
            assertEquals(2, dimensions(a).size(), "the log lines' dimension set is Function, Decision: " + a);
            failing.add(dimensions(a).get("Function"));
        });

        assertEquals(3, functions.size());
        assertEquals(functions, erring);
        assertEquals(functions, failing);
    }

    @Test
    void alarmsTellTheTopicAndAreNotActedOnByTheAlarmFunction() {
        SamTemplate template = load(Map.of("NotificationTopicArn", TOPIC));
        Map<String, JsonNode> alarms = template.resourcesOfType("AWS::CloudWatch::Alarm");
        assertEquals(7, alarms.size(), alarms.keySet().toString());
        for (JsonNode alarm : alarms.values()) {
            JsonNode p = alarm.path("Properties");
            assertEquals(List.of(TOPIC), texts(p.path("AlarmActions")), p.toString());
            assertEquals(List.of(TOPIC), texts(p.path("OKActions")), p.toString());
            assertFalse(p.path("AlarmName").asText().startsWith("ecs-medic-"), p.path("AlarmName").asText());
            assertTrue(p.path("AlarmName").asText().endsWith("-ecs-medic"), "names its stack: " + p);
            assertEquals("notBreaching", p.path("TreatMissingData").asText());
        }
    }

    @Test
    void anEncryptedTopicsKeyIsGrantedExactlyForPublishing() {
        JsonNode statements = load(Map.of("NotificationTopicArn", TOPIC, "NotificationTopicKmsKeyArn", KEY))
                .resource("NotificationPolicy").path("Properties").path("PolicyDocument").path("Statement");
        JsonNode kms = null;
        for (JsonNode s : statements) {
            if (s.path("Sid").asText().equals("EncryptNotificationsWithTheTopicsKey")) {
                kms = s;
            }
        }
        assertTrue(kms != null, statements.toString());
        assertEquals(List.of("kms:GenerateDataKey*", "kms:Decrypt"), texts(kms.path("Action")));
        assertEquals(KEY, kms.path("Resource").asText());
        assertEquals("Allow", kms.path("Effect").asText());

        JsonNode plain = load(Map.of("NotificationTopicArn", TOPIC)).resource("NotificationPolicy")
                .path("Properties").path("PolicyDocument").path("Statement");
        assertEquals(1, plain.size(), "no key, no KMS statement: " + plain);
        assertEquals("sns:Publish", plain.get(0).path("Action").asText());
    }

    @Test
    void aFifoTopicAndAKeyArnAreAcceptedAnAliasIsNot() {
        load(Map.of("NotificationTopicArn", TOPIC + ".fifo"));
        TemplateException alias = org.junit.jupiter.api.Assertions.assertThrows(TemplateException.class,
                () -> load(Map.of("NotificationTopicArn", TOPIC,
                        "NotificationTopicKmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/sns")));
        assertTrue(alias.getMessage().contains("NotificationTopicKmsKeyArn"), alias.getMessage());
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
