package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int status, String out) {}

    private static Run simulate(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = EcsMedic.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(new StringWriter()));
        String[] all = new String[args.length + 3];
        all[0] = "simulate";
        System.arraycopy(args, 0, all, 1, args.length);
        all[all.length - 2] = "--template";
        all[all.length - 1] = "../template.yaml";
        return new Run(cli.execute(all), out.toString());
    }

    @Test
    void jsonModeEndsWithASummaryComparingTheBaselines() throws Exception {
        Run run = simulate("prometheus-efs-lock", "--json");

        assertEquals(0, run.status(), run.out());
        List<JsonNode> lines = Arrays.stream(run.out().split("\n")).map(SimulateCommandTest::json).toList();
        JsonNode summary = lines.get(lines.size() - 1);
        assertEquals("summary", summary.path("type").asText());
        assertEquals("prometheus-efs-lock", summary.path("scenario").asText());
        assertEquals("RESOLVED", summary.path("outcome").asText());
        assertTrue(summary.path("passed").asBoolean());
        assertEquals("COMPLETED", summary.path("deployment").asText());
        assertTrue(summary.path("settledAfterSeconds").asLong() > 0);
        assertEquals("FAILED", summary.path("baselines").path("do-nothing").path("deployment").asText());
        assertEquals("COMPLETED", summary.path("baselines").path("recreate").path("deployment").asText());
        assertTrue(summary.path("downtimeSeconds").asLong()
                < summary.path("baselines").path("recreate").path("downtimeSeconds").asLong(),
                "stopping only the lock holder, only when proven, costs less downtime than recreate: " + summary);
        assertTrue(lines.stream().anyMatch(l -> l.path("type").asText().equals("invocation")
                && l.path("report").path("decision").asText().equals("STOP_STALE_TASKS")));
    }

    @Test
    void faultsAreInjectedWithTheSeedAndCountedInTheSummary() throws Exception {
        Run run = simulate("prometheus-efs-lock", "--json", "--no-baselines", "--faults", "0.2", "--seed", "3");

        assertEquals(0, run.status(), run.out());
        String[] lines = run.out().split("\n");
        JsonNode summary = json(lines[lines.length - 1]);
        assertEquals("RESOLVED", summary.path("outcome").asText(), summary.toString());
        int injected = 0;
        for (JsonNode count : summary.path("faults")) {
            injected += count.asInt();
        }
        assertTrue(injected > 0, summary.toString());
        assertTrue(summary.has("failedEvents"), summary.toString());
        assertEquals(2, simulate("prometheus-efs-lock", "--faults", "1.5").status());
    }

    @Test
    void everyScenarioIsListedAndUnknownOnesAreRefused() {
        Run list = simulate("--list");
        assertEquals(0, list.status());
        for (String name : List.of("prometheus-efs-lock", "healthy-rollout", "crash-not-lock", "dry-run")) {
            assertTrue(list.out().contains(name), list.out());
        }
        assertEquals(2, simulate("no-such-scenario").status());
    }

    @Test
    void theTextTimelineSaysWhatHappenedAndHowItEnded() {
        Run run = simulate("crash-not-lock", "--no-baselines");

        assertEquals(0, run.status(), run.out());
        assertTrue(run.out().contains("Outcome: NO_ACTION_NEEDED (as expected)"), run.out());
        assertTrue(run.out().contains("StaleLockRemediatorFunction: NO_ACTION"), run.out());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
