package dev.ecsmedic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every sample in events/ against the rules in the real template.yaml. */
class EventsRoutingTest {
    private static final Path REPO = Path.of("..");
    private static final Path EVENTS = REPO.resolve("events");
    private static final String REMEDIATOR = "StaleLockRemediatorFunction";
    private static final String EXEC = "ExecRolloutFunction";
    private static final String ALARM = "AlarmRemediatorFunction";
    private static final List<String> NONE = List.of();
    private static final List<String> ENVELOPE = List.of(
            "version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail");

    private static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("ecs-task-stopped-lock-error.json", List.of(REMEDIATOR)),
            Map.entry("ecs-task-stopped-oom.json", List.of(REMEDIATOR)),
            Map.entry("ecs-task-stopped-other-service.json", NONE),
            Map.entry("ecs-task-pending.json", NONE),
            Map.entry("ecs-task-stopped-standalone.json", NONE),
            Map.entry("ecs-task-stopped-other-cluster.json", NONE),
            Map.entry("ecs-deployment-in-progress.json", List.of(REMEDIATOR)),
            Map.entry("ecs-deployment-completed.json", List.of(EXEC)),
            Map.entry("ecs-deployment-failed.json", List.of(EXEC)),
            Map.entry("ecs-service-action-task-start-impaired.json", List.of(REMEDIATOR)),
            Map.entry("ecs-service-action-steady-state.json", NONE),
            Map.entry("scheduled-safety-net.json", NONE),
            Map.entry("cloudtrail-update-service-enable-exec.json", List.of(EXEC)),
            Map.entry("cloudtrail-update-service-force-deployment.json", NONE),
            Map.entry("cloudtrail-create-service-enable-exec.json", List.of(EXEC)),
            Map.entry("cloudwatch-alarm-lock-errors.json", List.of(ALARM)),
            Map.entry("cloudwatch-alarm-ecs-metric-math.json", NONE),
            Map.entry("cloudwatch-alarm-ok.json", NONE),
            Map.entry("cloudwatch-alarm-no-dimensions.json", List.of(ALARM)));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SamTemplate template;
    private static EventRouter router;

    @BeforeAll
    static void loadTemplate() {
        template = SamTemplate.load(REPO.resolve("template.yaml"), Map.of(
                "ClusterName", "observability",
                "WatchedServices", "prometheus",
                "LogGroupNames", "/ecs/observability/prometheus"));
        router = new EventRouter(template);
    }

    static TreeSet<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void expectationTableAndEventsDirectoryAgree() throws IOException {
        TreeSet<String> files = eventFiles();
        TreeSet<String> untested = new TreeSet<>(files);
        untested.removeAll(EXPECTED.keySet());
        TreeSet<String> missing = new TreeSet<>(EXPECTED.keySet());
        missing.removeAll(files);
        assertEquals(List.of(), List.copyOf(untested), "event files without an expected routing");
        assertEquals(List.of(), List.copyOf(missing), "expected routings without an event file");
    }

    @Test
    void everyEventReachesExactlyTheExpectedFunctions() throws IOException {
        for (String file : eventFiles()) {
            String event = Files.readString(EVENTS.resolve(file));
            assertEquals(EXPECTED.get(file), router.functionsFor(event), file);
        }
    }

    @Test
    void taskEventsReachTheFunctionOnlyForWatchedServicesOrAllWithAStar() throws IOException {
        String grafana = Files.readString(EVENTS.resolve("ecs-task-stopped-other-service.json"));
        String prometheus = Files.readString(EVENTS.resolve("ecs-task-stopped-lock-error.json"));
        for (String watched : List.of("*", "prometheus,grafana", "grafana")) {
            EventRouter withWatched = new EventRouter(SamTemplate.load(REPO.resolve("template.yaml"), Map.of(
                    "ClusterName", "observability", "WatchedServices", watched,
                    "LogGroupNames", "/ecs/observability/prometheus")));
            assertEquals(List.of(REMEDIATOR), withWatched.functionsFor(grafana), watched);
            assertEquals(watched.equals("grafana") ? NONE : List.of(REMEDIATOR), withWatched.functionsFor(prometheus),
                    watched);
        }
    }

    @Test
    void matchedRulesAreNamed() throws IOException {
        assertEquals(List.of(new EventRouter.RuleRef(REMEDIATOR, "TaskStopping")),
                router.matchingRules(Files.readString(EVENTS.resolve("ecs-task-stopped-lock-error.json"))));
        assertEquals(List.of(new EventRouter.RuleRef(REMEDIATOR, "DeploymentInProgress")),
                router.matchingRules(Files.readString(EVENTS.resolve("ecs-deployment-in-progress.json"))));
        assertEquals(List.of(new EventRouter.RuleRef(REMEDIATOR, "TaskStartImpaired")),
                router.matchingRules(Files.readString(EVENTS.resolve("ecs-service-action-task-start-impaired.json"))));
        assertEquals(List.of(new EventRouter.RuleRef(ALARM, "AlarmFired")),
                router.matchingRules(Files.readString(EVENTS.resolve("cloudwatch-alarm-lock-errors.json"))));
    }

    @Test
    void execRulesMatchTheWatchedClusterByNameOrArnAndOnlyWhenExecIsEnabled() throws IOException {
        JsonNode event = JSON.readTree(Files.readString(EVENTS.resolve("cloudtrail-update-service-enable-exec.json")));
        ObjectNode request = (ObjectNode) event.at("/detail/requestParameters");
        request.put("cluster", "arn:aws:ecs:us-east-1:123456789012:cluster/observability");
        assertEquals(List.of(EXEC), router.functionsFor(event.toString()));
        request.put("cluster", "observability-staging");
        assertEquals(NONE, router.functionsFor(event.toString()));
        request.remove("cluster");
        assertEquals(NONE, router.functionsFor(event.toString()), "absent cluster is the default cluster");
        request.put("cluster", "observability");
        request.put("enableExecuteCommand", false);
        assertEquals(NONE, router.functionsFor(event.toString()));
        request.put("enableExecuteCommand", true);
        ((ObjectNode) event.get("detail")).put("errorCode", "AccessDeniedException");
        assertEquals(NONE, router.functionsFor(event.toString()));
        assertEquals(List.of(new EventRouter.RuleRef(EXEC, "DeploymentFinished")),
                router.matchingRules(Files.readString(EVENTS.resolve("ecs-deployment-completed.json"))));
    }

    @Test
    void alarmsAndCloudTrailRecordsOfAnotherAccountOrRegionReachNoFunction() throws IOException {
        for (String file : List.of("cloudwatch-alarm-lock-errors.json", "cloudtrail-update-service-enable-exec.json")) {
            List<String> own = router.functionsFor(Files.readString(EVENTS.resolve(file)));
            assertEquals(List.of(file.startsWith("cloudwatch") ? ALARM : EXEC), own, file);
            for (String field : List.of("account", "region")) {
                ObjectNode event = (ObjectNode) JSON.readTree(Files.readString(EVENTS.resolve(file)));
                event.put(field, field.equals("account") ? "210987654321" : "eu-west-1");
                assertEquals(NONE, router.functionsFor(event.toString()), file + " with another " + field);
            }
        }
        ObjectNode record = (ObjectNode) JSON.readTree(Files.readString(
                EVENTS.resolve("cloudtrail-update-service-enable-exec.json")));
        ((ObjectNode) record.get("detail")).put("recipientAccountId", "210987654321");
        assertEquals(NONE, router.functionsFor(record.toString()), "a record delivered for another account");
    }

    @Test
    void onTheDefaultClusterAnUpdateServiceWithoutClusterMatches() throws IOException {
        EventRouter onDefault = new EventRouter(SamTemplate.load(REPO.resolve("template.yaml"), Map.of(
                "ClusterName", "default", "WatchedServices", "prometheus",
                "LogGroupNames", "/ecs/observability/prometheus")));
        JsonNode event = JSON.readTree(Files.readString(EVENTS.resolve("cloudtrail-update-service-enable-exec.json")));
        ObjectNode request = (ObjectNode) event.at("/detail/requestParameters");
        request.remove("cluster");
        assertEquals(List.of(EXEC), onDefault.functionsFor(event.toString()));
        request.put("cluster", "default");
        assertEquals(List.of(EXEC), onDefault.functionsFor(event.toString()));
        request.put("cluster", "observability");
        assertEquals(NONE, onDefault.functionsFor(event.toString()));
    }

    @Test
    void theCloudTrailTriggerCanBeSwitchedOff() throws IOException {
        EventRouter withoutTrail = new EventRouter(SamTemplate.load(REPO.resolve("template.yaml"), Map.of(
                "ClusterName", "observability", "WatchedServices", "prometheus",
                "LogGroupNames", "/ecs/observability/prometheus", "EnableCloudTrailTrigger", "false")));

        assertEquals(NONE, withoutTrail.functionsFor(
                Files.readString(EVENTS.resolve("cloudtrail-update-service-enable-exec.json"))));
        assertEquals(List.of(EXEC), withoutTrail.functionsFor(
                Files.readString(EVENTS.resolve("ecs-deployment-completed.json"))));
    }

    @Test
    void resourcePrefixPatternOnlyMatchesTheWatchedCluster() throws IOException {
        JsonNode event = JSON.readTree(Files.readString(EVENTS.resolve("ecs-deployment-in-progress.json")));
        ((ArrayNode) event.get("resources")).removeAll()
                .add("arn:aws:ecs:us-east-1:123456789012:service/observability-staging/prometheus");
        assertEquals(NONE, router.functionsFor(event.toString()));
    }

    @Test
    void everyEventIsAnEventBridgeEnvelope() throws IOException {
        for (String file : eventFiles()) {
            assertTrue(file.endsWith(".json"), file);
            JsonNode event = JSON.readTree(Files.readString(EVENTS.resolve(file)));
            for (String field : ENVELOPE) {
                assertTrue(event.has(field), file + " lacks " + field);
            }
            assertEquals("0", event.get("version").asText(), file);
            assertEquals("123456789012", event.get("account").asText(), file);
            assertEquals("us-east-1", event.get("region").asText(), file);
            assertTrue(event.get("resources").isArray(), file);
            assertTrue(event.get("detail").isObject(), file);
            assertTrue(event.get("id").asText().matches("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}"), file);
            OffsetDateTime.parse(event.get("time").asText());
        }
    }

    @Test
    void malformedInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> router.functionsFor("not json"));
        assertThrows(IllegalArgumentException.class, () -> router.functionsFor("{\"detail\": "));
        assertEquals(NONE, router.functionsFor("{}"));
    }

    @Test
    void everyFunctionIsBuildableAndEverySchedulePeriodic() {
        assertFalse(template.functions().isEmpty());
        for (FunctionSpec function : template.functions()) {
            assertFalse(function.handler().isBlank(), function.logicalId() + " Handler");
            assertFalse(function.codeUri().isBlank(), function.logicalId() + " CodeUri");
            assertFalse(function.runtime().isBlank(), function.logicalId() + " Runtime");
            for (ScheduleSpec schedule : function.schedules()) {
                assertTrue(schedule.period().isPresent() || schedule.expression().startsWith("cron("),
                        function.logicalId() + " " + schedule.name());
            }
        }
        FunctionSpec exec = template.function(EXEC).orElseThrow();
        assertEquals("dev.ecsmedic.execrollout.ExecRolloutHandler::handleRequest", exec.handler());
        assertEquals("makefile", exec.buildMethod());
        assertEquals("900", exec.environment().get("EXEC_COOLDOWN_SECONDS"));
        assertEquals("observability", exec.environment().get("CLUSTER_NAME"));
        assertEquals(List.of(new ScheduleSpec("SafetyNet", "rate(5 minutes)", Optional.of(Duration.ofMinutes(5)))),
                exec.schedules());
        FunctionSpec remediator = template.function(REMEDIATOR).orElseThrow();
        assertEquals(List.of(new ScheduleSpec("SafetyNet", "rate(5 minutes)", Optional.of(Duration.ofMinutes(5)))),
                remediator.schedules());
        assertEquals("observability", remediator.environment().get("CLUSTER_NAME"));
        assertEquals("180", remediator.environment().get("PENDING_GRACE_SECONDS"));
        assertEquals("true", remediator.environment().get("DRY_RUN"));
    }
}
