package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventShapeTest {
    private static final String C = Scenarios.CLUSTER;
    private static final String P = Scenarios.PROMETHEUS;

    private static List<JsonNode> incidentEvents(Duration after) {
        EcsWorld w = Scenarios.prometheusEfsLock().newWorld();
        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, C, P).action().accept(w);
        w.advance(after);
        return w.drainEvents().stream().map(e -> Json.read(e.json())).toList();
    }

    @Test
    void everyEventHasTheEventBridgeEnvelope() {
        for (JsonNode e : incidentEvents(Duration.ofMinutes(3))) {
            assertEquals("0", e.path("version").asText());
            assertTrue(e.path("id").asText().matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));
            assertEquals("aws.ecs", e.path("source").asText());
            assertEquals("123456789012", e.path("account").asText());
            assertEquals("us-east-1", e.path("region").asText());
            assertTrue(e.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), e.toString());
            assertTrue(e.path("resources").isArray());
            assertTrue(e.path("detail").isObject());
        }
    }

    @Test
    void taskEventsLookLikeEcsTaskStateChanges() {
        List<JsonNode> tasks = incidentEvents(Duration.ofMinutes(2)).stream()
                .filter(e -> e.path("detail-type").asText().equals("ECS Task State Change")).toList();
        assertFalse(tasks.isEmpty());
        Map<String, Integer> lastVersion = new HashMap<>();
        for (JsonNode e : tasks) {
            JsonNode d = e.path("detail");
            String arn = d.path("taskArn").asText();
            assertEquals(arn, e.path("resources").path(0).asText());
            assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/observability", d.path("clusterArn").asText());
            assertEquals("service:prometheus", d.path("group").asText());
            assertTrue(d.path("startedBy").asText().matches("ecs-svc/\\d{19}"));
            assertTrue(d.path("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            assertEquals("FARGATE", d.path("launchType").asText());
            assertEquals("1.4.0", d.path("platformVersion").asText());
            assertTrue(d.has("enableExecuteCommand"));
            int version = d.path("version").asInt();
            assertTrue(version > lastVersion.getOrDefault(arn, 0), "versions increase per task");
            lastVersion.put(arn, version);
            for (JsonNode c : d.path("containers")) {
                for (JsonNode agent : c.path("managedAgents")) {
                    assertEquals("ExecuteCommandAgent", agent.path("name").asText());
                    assertTrue(agent.has("status"));
                    assertFalse(agent.has("lastStatus"));
                }
            }
        }
        JsonNode failed = tasks.stream().filter(e -> e.path("detail").path("lastStatus").asText().equals("STOPPED"))
                .findFirst().orElseThrow().path("detail");
        assertEquals("EssentialContainerExited", failed.path("stopCode").asText());
        assertEquals("Essential container in task exited", failed.path("stoppedReason").asText());
        assertEquals(1, failed.path("containers").path(0).path("exitCode").asInt());
        assertTrue(failed.path("enableExecuteCommand").asBoolean());
        assertTrue(failed.has("stoppedAt") && failed.has("stoppingAt") && failed.has("startedAt"));
        assertEquals(1, tasks.stream().filter(e -> e.path("detail").path("lastStatus").asText().equals("PROVISIONING"))
                .findFirst().orElseThrow().path("detail").path("version").asInt());
    }

    @Test
    void deploymentServiceActionAndCloudTrailEvents() {
        List<JsonNode> all = incidentEvents(Duration.ofMinutes(15));
        JsonNode trail = all.stream().filter(e -> e.path("detail-type").asText().equals("AWS API Call via CloudTrail"))
                .findFirst().orElseThrow();
        JsonNode t = trail.path("detail");
        assertEquals("ecs.amazonaws.com", t.path("eventSource").asText());
        assertEquals("UpdateService", t.path("eventName").asText());
        assertEquals("AwsApiCall", t.path("eventType").asText());
        assertEquals("prometheus", t.path("requestParameters").path("service").asText());
        assertTrue(t.path("requestParameters").path("forceNewDeployment").asBoolean());
        assertEquals("IAMUser", t.path("userIdentity").path("type").asText());
        assertTrue(t.path("responseElements").path("service").has("deployments"));
        assertTrue(t.has("eventID") && t.has("eventTime"));

        List<JsonNode> deployments = all.stream()
                .filter(e -> e.path("detail-type").asText().equals("ECS Deployment State Change")).toList();
        JsonNode started = deployments.get(0);
        assertEquals("arn:aws:ecs:us-east-1:123456789012:service/observability/prometheus",
                started.path("resources").path(0).asText());
        assertEquals("SERVICE_DEPLOYMENT_IN_PROGRESS", started.path("detail").path("eventName").asText());
        assertEquals("INFO", started.path("detail").path("eventType").asText());
        assertFalse(started.path("detail").has("clusterArn"));
        assertFalse(started.path("detail").has("version"));
        JsonNode failed = deployments.stream()
                .filter(e -> e.path("detail").path("eventName").asText().equals("SERVICE_DEPLOYMENT_FAILED"))
                .findFirst().orElseThrow().path("detail");
        assertEquals("ERROR", failed.path("eventType").asText());
        assertTrue(failed.path("reason").asText().startsWith("ECS deployment circuit breaker: rolling back to deploymentId ecs-svc/"));

        JsonNode impaired = all.stream().filter(e -> e.path("detail-type").asText().equals("ECS Service Action")
                && e.path("detail").path("eventName").asText().equals("SERVICE_TASK_START_IMPAIRED"))
                .findFirst().orElseThrow();
        assertEquals("WARN", impaired.path("detail").path("eventType").asText());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                impaired.path("detail").path("clusterArn").asText());
        assertTrue(impaired.path("detail").has("createdAt"));
    }

    @Test
    void chaoticDeliveryIsDeterministicAndDuplicatesKeepIdAndVersion() {
        RunnerOptions chaos = RunnerOptions.defaults().withChaos(0.5, Duration.ofSeconds(5), 7L)
                .withLimit(Duration.ofMinutes(3));
        List<String> first = deliveredIds(chaos);
        List<String> second = deliveredIds(chaos);
        assertEquals(first, second);
        assertTrue(first.size() > first.stream().distinct().count(), "some events arrive twice");
    }

    private static List<String> deliveredIds(RunnerOptions options) {
        List<String> seen = new java.util.ArrayList<>();
        Map<String, String> versionById = new HashMap<>();
        Scenario s = Scenarios.prometheusEfsLock();
        new ScenarioRunner(options).run(s, s.newWorld(), e -> List.of("Recorder"), (id, bytes) -> {
            JsonNode e = Json.read(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
            String key = e.path("id").asText();
            String version = e.path("detail").path("version").asText();
            String previous = versionById.putIfAbsent(key, version);
            assertTrue(previous == null || previous.equals(version));
            seen.add(key);
            return "{}";
        });
        return seen;
    }
}
