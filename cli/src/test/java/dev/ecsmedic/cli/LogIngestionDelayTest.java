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
 * when it looks again, and the next check (its STOPPED event, the next blocked task's event, the schedule) proves
 * the lock and resolves the deadlock.
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
        for (boolean lost : new boolean[] {false, true}) {
            RunResult run = run(lost);
            String where = lost ? "STOPPED events lost" : "every event delivered";

            assertTrue(Scenarios.prometheusEfsLock().check(run).passed(), where + ": " + run.summary().describe());
            List<EcsWorld.TaskStop> stops = run.summary().stoppedBy(FUNCTION);
            assertEquals(1, stops.size(), where);
            List<TimelineEntry> reports = run.invocations().stream().filter(i -> i.subject().equals(FUNCTION)).toList();
            TimelineEntry waited = reports.stream().filter(r -> r.text().contains("may not be searchable yet"))
                    .findFirst().orElseThrow(() -> new AssertionError(where + ": no report waited for the logs"));
            assertTrue(DeployedFunctions.json(waited.text()).path("decision").asText().equals("NO_ACTION"), where);
            assertTrue(waited.at().isBefore(stops.get(0).at()), where);
            System.out.println(where + ": lock line not yet searchable at +"
                    + java.time.Duration.between(run.timeline().get(0).at(), waited.at()).toSeconds()
                    + " s, old task stopped at +"
                    + java.time.Duration.between(run.timeline().get(0).at(), stops.get(0).at()).toSeconds() + " s");
        }
    }
}
