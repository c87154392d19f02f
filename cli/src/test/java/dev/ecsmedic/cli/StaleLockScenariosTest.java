package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.TimelineEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The incident and its look-alikes, with the real stale-lock function reacting through template.yaml's rules. */
class StaleLockScenariosTest {

    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final String FUNCTION = "StaleLockRemediatorFunction";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Simulation.Outcome run(String scenario, RunnerOptions options) {
        return Simulation.run(Scenarios.byName(scenario), TEMPLATE, Map.of(), options, false);
    }

    static List<JsonNode> reports(Simulation.Outcome outcome) {
        return outcome.run().invocations().stream().map(TimelineEntry::text).map(StaleLockScenariosTest::json).toList();
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not a JSON report: " + text, e);
        }
    }

    @Test
    void theIncidentResolvesWithoutAPerson() {
        Simulation.Outcome outcome = run("prometheus-efs-lock", RunnerOptions.defaults());

        assertTrue(outcome.verdict().passed(), outcome.verdict() + "\n" + outcome.run().summary().describe());
        assertTrue(outcome.run().summary().completed());
        List<EcsWorld.TaskStop> stops = outcome.run().summary().stoppedBy(FUNCTION);
        assertEquals(1, stops.size(), outcome.run().summary().describe());
        assertTrue(stops.get(0).reason().startsWith("ecs-medic: stale lock holder"), stops.get(0).reason());

        List<EcsWorld.ApiCall> writes = outcome.run().summary().functionWrites();
        assertEquals(1, writes.size());
        JsonNode request = json(writes.get(0).request());
        assertEquals("observability", request.path("cluster").asText());
        assertTrue(request.path("task").asText().contains(stops.get(0).taskId()), request.toString());
        assertEquals(stops.get(0).reason(), request.path("reason").asText());

        JsonNode search = json(outcome.run().callsBy(FUNCTION).stream()
                .filter(c -> c.operation().equals("FilterLogEvents")).findFirst().orElseThrow().request());
        assertEquals("/ecs/observability/prometheus", search.path("logGroupName").asText());
        assertEquals(1, search.path("logStreamNames").size(), "only the blocked task's own stream is read");
        assertTrue(search.path("logStreamNames").get(0).asText().matches("prometheus/prometheus/[0-9a-f]{32}"),
                search.toString());
        assertEquals("\"lock DB directory: resource temporarily unavailable\"", search.path("filterPattern").asText());

        JsonNode acted = reports(outcome).stream().filter(r -> r.path("decision").asText().equals("STOP_STALE_TASKS"))
                .findFirst().orElseThrow();
        assertTrue(acted.path("actions").get(0).path("executed").asBoolean());
        assertTrue(acted.path("reasons").toString().contains("lock evidence"), acted.toString());
        assertTrue(acted.path("awsCalls").toString().contains("FilterLogEvents"), acted.toString());
    }

    @Test
    void aWriterThatWaitsForTheLockInsteadOfExitingIsResolvedToo() {
        Simulation.Outcome outcome = run("single-writer-waits", RunnerOptions.defaults());

        assertTrue(outcome.verdict().passed(), outcome.verdict() + "\n" + outcome.run().summary().describe());
        assertEquals(1, outcome.run().summary().stoppedBy(FUNCTION).size(), outcome.run().summary().describe());
        assertTrue(reports(outcome).toString().contains("failed container health checks"));
    }

    @Test
    void everyReportIsOneJsonLineAndTheLogMatchesTheResult() {
        Simulation.Outcome outcome = run("prometheus-efs-lock", RunnerOptions.defaults());

        List<JsonNode> results = outcome.run().invocations().stream().map(TimelineEntry::text)
                .map(StaleLockScenariosTest::json).toList();
        assertEquals(results.size(), outcome.logs().size());
        for (int i = 0; i < results.size(); i++) {
            String line = outcome.logs().get(i);
            assertTrue(!line.contains("\n"), line);
            com.fasterxml.jackson.databind.node.ObjectNode logged = (com.fasterxml.jackson.databind.node.ObjectNode) json(line);
            JsonNode emf = logged.path("_aws").path("CloudWatchMetrics").get(0);
            assertEquals("ecs-medic", emf.path("Namespace").asText(), line);
            assertEquals("[[\"Function\",\"Decision\"]]", emf.path("Dimensions").toString());
            assertEquals(results.get(i).path("decision").asText(), logged.path("Decision").asText());
            assertEquals(1, logged.path("Decisions").asInt());
            assertEquals(results.get(i).path("decision").asText().equals("STOP_STALE_TASKS") ? 1 : 0,
                    logged.path("ActionsExecuted").asInt(), line);
            logged.remove(List.of("_aws", "Function", "Decision", "Decisions", "ActionsExecuted"));
            assertEquals(results.get(i), logged, "the log line is the result plus its metrics");
        }
    }

    @Test
    void duplicatedAndReorderedDeliveryGivesTheSameOutcome() {
        for (long seed : new long[] {1, 2, 3, 4, 5}) {
            Simulation.Outcome outcome = run("prometheus-efs-lock",
                    RunnerOptions.defaults().withChaos(0.5, Duration.ofSeconds(20), seed));

            assertTrue(outcome.verdict().passed(), "seed " + seed + ": " + outcome.run().summary().describe());
            assertEquals(1, outcome.run().summary().stoppedBy(FUNCTION).size(), "seed " + seed);
        }
    }

    @Test
    void aHealthyRolloutIsLeftAlone() {
        Simulation.Outcome outcome = run("healthy-rollout", RunnerOptions.defaults());

        assertTrue(outcome.verdict().passed(), outcome.verdict().toString());
        assertTrue(outcome.run().summary().functionWrites().isEmpty());
        assertTrue(reports(outcome).stream().allMatch(r -> r.path("decision").asText().equals("NO_ACTION")));
    }

    @Test
    void aCrashThatIsNotTheLockStopsNothingAndSaysWhy() {
        for (String scenario : List.of("crash-not-lock", "crash-not-lock-oom")) {
            Simulation.Outcome outcome = run(scenario, RunnerOptions.defaults());

            assertTrue(outcome.verdict().passed(), scenario + ": " + outcome.verdict());
            assertTrue(outcome.run().summary().stoppedBy(FUNCTION).isEmpty());
            String reasons = reports(outcome).toString();
            assertTrue(reasons.contains(scenario.endsWith("oom") ? "cannot fix" : "not proven"),
                    scenario + ": " + reasons);
        }
    }

    @Test
    void dryRunReportsThePlanAndStopsNothing() {
        Simulation.Outcome outcome = run("dry-run", RunnerOptions.defaults());

        assertTrue(outcome.verdict().passed(), outcome.verdict().toString());
        JsonNode planned = reports(outcome).stream()
                .filter(r -> r.path("decision").asText().equals("STOP_STALE_TASKS")).findFirst().orElseThrow();
        assertTrue(planned.path("dryRun").asBoolean());
        assertEquals(false, planned.path("actions").get(0).path("executed").asBoolean());
        assertTrue(outcome.run().callsBy(FUNCTION).stream().noneMatch(c -> c.operation().equals("StopTask")));
    }
}
