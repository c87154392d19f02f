package dev.ecsmedic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a new account meets when it deploys template.yaml with its defaults, and what the stack tells it. */
class FirstHourTemplateTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");

    private static SamTemplate load(Map<String, String> extra) {
        Map<String, String> parameters = new HashMap<>(Map.of("ClusterName", "observability",
                "WatchedServices", "prometheus", "LogGroupNames", "/ecs/observability/prometheus"));
        parameters.putAll(extra);
        return SamTemplate.load(TEMPLATE, parameters);
    }

    @Test
    void byDefaultNoConcurrencyIsReservedSoTheStackDeploysOnAnAccountOfTen() {
        for (FunctionSpec function : load(Map.of()).functions()) {
            assertFalse(load(Map.of()).resource(function.logicalId()).path("Properties")
                    .has("ReservedConcurrentExecutions"), function.logicalId());
        }
        SamTemplate reserving = load(Map.of("ReservedConcurrency", "1"));
        for (FunctionSpec function : reserving.functions()) {
            assertEquals(1, reserving.resource(function.logicalId()).path("Properties")
                    .path("ReservedConcurrentExecutions").asInt(), function.logicalId());
        }
    }

    @Test
    void theStackOutputsWhereEveryDecisionAndEveryFailedEventIs() {
        Map<String, com.fasterxml.jackson.databind.JsonNode> outputs = load(Map.of()).outputs();
        for (String name : List.of("StaleLockRemediatorLogGroupName", "ExecRolloutLogGroupName",
                "AlarmRemediatorLogGroupName", "FailedEventsQueueUrl", "FailedEventsQueueArn", "ClaimsTableName")) {
            assertTrue(outputs.containsKey(name), name + " in " + outputs.keySet());
        }
        assertEquals("${StaleLockRemediatorLogGroup}", outputs.get("StaleLockRemediatorLogGroupName").asText());
        assertEquals("ecs-medic-claims", outputs.get("ClaimsTableName").asText());
        assertFalse(outputs.containsKey("LockErrorAlarmName"), "no lock alarm unless asked");
        assertTrue(load(Map.of("LockAlarmServiceName", "prometheus",
                "LockAlarmLogGroupName", "/ecs/observability/prometheus")).outputs().containsKey("LockErrorAlarmName"));
    }
}
