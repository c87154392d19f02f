package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.EventRoutes;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.TimelineEntry;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The simulator makes a log line searchable seconds after the container wrote it, as CloudWatch Logs does. When
 * the blocked task has just exited, its lock error is not yet searchable: ecs-medic stops nothing, says why and
 * when it looks again, and the next check (its STOPPED event, the schedule) proves the lock and resolves the
 * deadlock.
 */
class LogIngestionDelayTest {

    private static final String FUNCTION = StaleLockScenariosTest.FUNCTION;

    private static RunResult run(boolean stoppedEventsLost) {
        Scenario scenario = Scenarios.prometheusEfsLock();
        EcsWorld world = scenario.newWorld();
        try (Simulator simulator = Simulator.start(world)) {
            LocalFunctions functions = Simulation.functions(scenario, FaultScenariosTest.TEMPLATE, Map.of(),
                    simulator, line -> { });
            EventRoutes routes = functions.routes();
            EventRoutes delivered = !stoppedEventsLost ? routes : event -> {
                JsonNode e = DeployedFunctions.json(event);
                return e.path("detail").path("lastStatus").asText().equals("STOPPED") ? List.of()
                        : routes.functionsFor(event);
            };
            return new ScenarioRunner(RunnerOptions.defaults().withSchedules(functions.schedules()))
                    .run(scenario, world, delivered, functions);
        }
    }

    @Test
    void aLockLineNotYetSearchableStopsNothingAndTheNextCheckProvesIt() {
        RunResult run = run(false);

        assertTrue(Scenarios.prometheusEfsLock().check(run).passed(), run.summary().describe());
        List<EcsWorld.TaskStop> stops = run.summary().stoppedBy(FUNCTION);
        assertEquals(1, stops.size());
        TimelineEntry waited = waitedForTheLogs(run);
        assertEquals("NO_ACTION", DeployedFunctions.json(waited.text()).path("decision").asText());
        assertTrue(waited.at().isBefore(stops.get(0).at()));
        System.out.println("lock line not yet searchable at +"
                + java.time.Duration.between(run.timeline().get(0).at(), waited.at()).toSeconds()
                + " s, old task stopped at +"
                + java.time.Duration.between(run.timeline().get(0).at(), stops.get(0).at()).toSeconds() + " s");
    }

    /**
     * The limit of "the latest failure decides": with every STOPPED event lost, each blocked task is seen only
     * while it is going down, before its lock line is searchable, and an earlier task's line never stands in for
     * it. The deployment fails and rolls back before a later check finds a settled task's own line; the one stop
     * that then follows is proven by that line, like every other.
     */
    @Test
    void withEveryStoppedEventLostAnEarlierLockLineNeverStandsInForTheLatestTask() {
        RunResult run = run(true);

        waitedForTheLogs(run);
        assertTrue(run.summary().stoppedBy(FUNCTION).size() <= 1, run.summary().describe());
        for (TimelineEntry report : run.invocations()) {
            JsonNode json = DeployedFunctions.json(report.text());
            if (json.path("decision").asText().equals("STOP_STALE_TASKS")) {
                assertTrue(json.path("reasons").toString().contains("lock evidence from new task"), json.toString());
                assertTrue(!json.path("reasons").toString().contains("may not be searchable yet"), json.toString());
            }
        }
    }

    private static TimelineEntry waitedForTheLogs(RunResult run) {
        return run.invocations().stream().filter(i -> i.subject().equals(FUNCTION))
                .filter(r -> r.text().contains("may not be searchable yet")).findFirst()
                .orElseThrow(() -> new AssertionError("no report waited for the logs"));
    }
}
