package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.template.EventRouter;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.testkit.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every sample in events/, through {@code invoke --simulate}, to each function whose rules in template.yaml match
 * it, while the simulated service is deadlocked on its EFS lock. The event only names the service; the observed
 * state decides, so every event that reaches the function for prometheus plans the same stop, and the exec
 * rollout function waits for the rollout in progress.
 */
class EventsThroughInvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = Scenarios.CLUSTER;
    private static final List<String> PARAMETERS = List.of("ClusterName=" + CLUSTER, "WatchedServices=prometheus",
            "LogGroupNames=" + Scenarios.PROMETHEUS_LOG_GROUP);

    /** Expected decision per event file that reaches a function; events absent here reach none. */
    private static final Map<String, String> DECISIONS = Map.ofEntries(
            Map.entry("ecs-task-stopped-lock-error.json", "STOP_STALE_TASKS"),
            Map.entry("ecs-task-stopped-oom.json", "STOP_STALE_TASKS"),
            Map.entry("ecs-deployment-in-progress.json", "STOP_STALE_TASKS"),
            Map.entry("ecs-service-action-task-start-impaired.json", "STOP_STALE_TASKS"),
            Map.entry("cloudwatch-alarm-lock-errors.json", "STOP_STALE_TASKS"),
            Map.entry("cloudwatch-alarm-no-dimensions.json", "NO_ACTION"),
            Map.entry("cloudtrail-update-service-enable-exec.json", "NO_ACTION"),
            Map.entry("cloudtrail-create-service-enable-exec.json", "NO_ACTION"),
            Map.entry("ecs-deployment-completed.json", "NO_ACTION"),
            Map.entry("ecs-deployment-failed.json", "NO_ACTION"));

    /** The simulated world each sample runs against: the incident, or the incident with ecs-medic's lock alarm. */
    private static String worldFor(String file) {
        return file.startsWith("cloudwatch-alarm-") ? "alarm-lock-errors@60" : "prometheus-efs-lock@60";
    }

    @Test
    void everySampleEventReachesTheFunctionsItsRulesMatchAndTheStateDecides() throws Exception {
        SamTemplate template = SamTemplate.load(Cli.REPO.resolve("template.yaml"), PARAMETERS.stream()
                .collect(Collectors.toMap(p -> p.substring(0, p.indexOf('=')), p -> p.substring(p.indexOf('=') + 1))));
        EventRouter router = new EventRouter(template);
        TreeSet<String> routed = new TreeSet<>();
        try (Stream<Path> files = Files.list(Cli.REPO.resolve("events"))) {
            for (Path event : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = event.getFileName().toString();
                List<String> functions = router.functionsFor(Files.readString(event));
                assertEquals(DECISIONS.containsKey(name), !functions.isEmpty(), name + " routes to " + functions);
                for (String function : functions) {
                    routed.add(name);
                    JsonNode report = invoke(function, event, worldFor(name));
                    assertEquals(function, report.get("function").asText(), name);
                    assertEquals(DECISIONS.get(name), report.get("decision").asText(), name + ": " + report);
                    assertTrue(report.get("dryRun").asBoolean(), name);
                    for (JsonNode action : report.path("actions")) {
                        assertFalse(action.get("executed").asBoolean(), name + " acted in dry run");
                    }
                }
            }
        }
        assertEquals(DECISIONS.keySet(), routed);
    }

    @Test
    void theEventOfAnUnwatchedServiceSaysWhyNothingIsDone() throws Exception {
        JsonNode report = invoke("StaleLockRemediatorFunction",
                Cli.REPO.resolve("events/ecs-task-stopped-other-service.json"), "prometheus-efs-lock@60");

        assertEquals("service grafana is not watched (WATCHED_SERVICES=prometheus)", report.at("/reasons/0").asText());
        assertEquals(0, report.path("awsCalls").size());
    }

    private static JsonNode invoke(String function, Path event, String world) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("invoke", function, "-e", event.toString(),
                "-t", Cli.repo("template.yaml"), "--simulate", world, "--parameter-overrides"));
        args.addAll(PARAMETERS);
        Cli run = Cli.run(args.toArray(String[]::new));
        assertEquals(0, run.exit(), run.err());
        return JSON.readTree(run.out());
    }
}
