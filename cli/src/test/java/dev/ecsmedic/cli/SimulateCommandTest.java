package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void noBaselinesRunsNone() {
        Run text = simulate("healthy-rollout", "--no-baselines");
        assertEquals(0, text.status(), text.out());
        assertFalse(text.out().contains("do-nothing"), text.out());
        assertFalse(text.out().contains("recreate"), text.out());

        JsonNode summary = lastLine(simulate("healthy-rollout", "--no-baselines", "--json"));
        assertEquals(0, summary.path("baselines").size(), summary.toString());
    }

    @Test
    void theOutcomeBlockSaysWhatEachBaselineIsAndTheComparisonThatMatters() {
        Run run = simulate("prometheus-efs-lock");

        assertEquals(0, run.status(), run.out());
        String block = run.out().substring(run.out().indexOf("Outcome:"));
        assertTrue(block.contains("measured on: the deployment the script starts"), block);
        assertTrue(block.contains("do-nothing: deployment FAILED after"), block);
        assertTrue(block.contains("(not shipped)"), block);
        assertTrue(block.contains("in short: without ecs-medic the deployment ends FAILED after"), block);
        assertTrue(block.contains("do-nothing = no ecs-medic: the deployment is left to ECS and its circuit breaker"),
                block);
        assertTrue(block.contains("recreate = no ecs-medic, minimumHealthyPercent 0 set beforehand"), block);
    }

    @Test
    void recreateIsComparedWhereItTakesTheServiceDown() {
        JsonNode summary = lastLine(simulate("crash-not-lock", "--json"));

        assertEquals("recreate leaves the service down 600 s (the whole window), ecs-medic 0 s",
                summary.path("comparison").asText(), summary.toString());
        assertEquals(600, summary.path("baselines").path("recreate").path("downtimeSeconds").asLong());
        assertTrue(summary.path("baselines").path("recreate").path("meaning").asText()
                .contains("minimumHealthyPercent 0"), summary.toString());
    }

    @Test
    void aScenarioWithoutADeploymentSaysWhatItIsMeasuredOnAndSkipsRecreate() {
        Run exec = simulate("exec-enable");
        assertEquals(0, exec.status(), exec.out());
        String block = exec.out().substring(exec.out().indexOf("Outcome:"));
        assertTrue(block.contains("measured on: the deployment ecs-medic forces; the script starts none"), block);
        assertTrue(block.contains("do-nothing: no deployment,"), block);
        assertTrue(block.contains("in short: without ecs-medic no deployment starts"), block);
        assertFalse(block.contains("IN_PROGRESS"), block);
        assertFalse(block.contains("recreate"), block);

        JsonNode alarm = lastLine(simulate("alarm-unrelated", "--json"));
        assertEquals("NONE", alarm.path("deployment").asText(), alarm.toString());
        assertEquals(0, alarm.path("baselines").size(), alarm.toString());
        assertTrue(alarm.path("measuredOn").asText().startsWith("ecs-medic's reports and writes; no deployment"),
                alarm.toString());
    }

    @Test
    void theParametersTheScenarioDeploysArePrintedFirst() {
        Run text = simulate("prometheus-efs-lock", "--no-baselines");
        assertTrue(text.out().split("\n")[1].startsWith("Parameters: ClusterName=observability"
                + " WatchedServices=prometheus LogGroupNames=/ecs/observability/prometheus DryRun=false"), text.out());

        JsonNode parameters = lastLine(simulate("dry-run", "--no-baselines", "--json")).path("parameters");
        assertEquals("observability", parameters.path("ClusterName").asText(), parameters.toString());
        assertEquals("prometheus", parameters.path("WatchedServices").asText(), parameters.toString());
        assertEquals("true", parameters.path("DryRun").asText(), "dry-run deploys its own DryRun: " + parameters);
    }

    private static JsonNode lastLine(Run run) {
        String[] lines = run.out().split("\n");
        return json(lines[lines.length - 1]);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
