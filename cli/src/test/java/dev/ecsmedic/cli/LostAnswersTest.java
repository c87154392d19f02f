package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FaultInjector;
import dev.ecsmedic.testkit.FaultInjector.Kind;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenarios;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A write that succeeded while its caller saw a fault (a 5xx, an answer too slow, a closed connection), retried by
 * the SDK or by Lambda's retry of the event: it never leads to a second, different action. And an event no
 * invocation could handle ends in the failed-events queue, after Lambda's two retries.
 */
class LostAnswersTest {

    private static final Set<Kind> AFTER_EFFECT = Set.of(Kind.INTERNAL_ERROR, Kind.SERVICE_UNAVAILABLE,
            Kind.SLOW_RESPONSE, Kind.CONNECTION_RESET);

    private static Simulation.Outcome run(String scenario, FaultInjector.Config faults) {
        return Simulation.run(Scenarios.byName(scenario), FaultScenariosTest.TEMPLATE, Map.of(),
                RunnerOptions.defaults().withFaults(faults), false);
    }

    @Test
    void aStopTaskWhoseAnswersAreLostStopsOnlyTheOneStaleTask() {
        for (double rate : new double[] {1.0, 0.5}) {
            for (long seed = 1; seed <= 5; seed++) {
                Simulation.Outcome outcome = run("prometheus-efs-lock", FaultInjector.Config.of(rate, seed)
                        .only(Set.of("StopTask"), AFTER_EFFECT).answersLost());
                String where = "rate " + rate + " seed " + seed;
                RunResult run = outcome.run();

                assertTrue(outcome.verdict().passed(), where + ": " + outcome.verdict() + "\n" + run.summary().describe());
                List<EcsWorld.TaskStop> stops = run.summary().stoppedBy(StaleLockScenariosTest.FUNCTION);
                assertEquals(1, stops.size(), where + ": " + run.summary().describe());
                List<String> stopped = run.callsBy(StaleLockScenariosTest.FUNCTION).stream()
                        .filter(c -> c.operation().equals("StopTask"))
                        .map(c -> DeployedFunctions.json(c.request()).path("task").asText()).distinct().toList();
                assertEquals(1, stopped.size(), where + ": StopTask named " + stopped);
                assertTrue(stopped.get(0).endsWith(stops.get(0).taskId()), where);
                assertTrue(run.endings().complete(), where + ": " + run.endings());
                if (rate == 1.0) {
                    assertTrue(outcome.faults().stream().anyMatch(FaultInjector.Injected::afterEffect), where);
                }
            }
        }
    }

    @Test
    void aForcedDeploymentWhoseAnswerIsLostIsNotForcedAgain() {
        Set<Kind> seen = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            Simulation.Outcome outcome = run("exec-enable", FaultInjector.Config.of(1.0, seed)
                    .only(Set.of("UpdateService"), AFTER_EFFECT).answersLost());
            String where = "seed " + seed;
            RunResult run = outcome.run();

            assertTrue(outcome.verdict().passed(), where + ": " + outcome.verdict() + "\n" + run.summary().describe());
            assertEquals(1, run.summary().forcedDeployments(), where + ": " + run.summary().describe());
            long attempts = run.callsByFunctions().stream().filter(c -> c.operation().equals("UpdateService")).count();
            assertEquals(1, attempts, where + ": the SDK must not send a forced deployment again");
            assertTrue(run.invocations().stream().anyMatch(i -> i.text().contains("errorType")),
                    where + ": the invocation that saw the fault threw, for Lambda to retry");
            assertTrue(run.endings().complete(), where + ": " + run.endings());
            outcome.faults().forEach(f -> seen.add(f.kind()));
        }
        assertEquals(AFTER_EFFECT, seen, "a lost answer of every kind, a closed connection too, is not sent again");
    }

    @Test
    void anEventNoAttemptCouldHandleEndsInTheFailedEventsQueue() {
        Simulation.Outcome outcome = run("prometheus-efs-lock", FaultInjector.Config.of(1.0, 7)
                .only(Set.of("DescribeServices"), Set.of(Kind.INTERNAL_ERROR, Kind.THROTTLING)));
        RunResult run = outcome.run();

        assertTrue(run.summary().stoppedBy(StaleLockScenariosTest.FUNCTION).isEmpty());
        RunResult.Endings endings = run.endings();
        assertTrue(endings.complete(), endings.toString());
        assertTrue(endings.queued() > 0, endings.toString());
        for (RunResult.FailedEvent failed : run.failedEvents()) {
            assertEquals(3, failed.attempts(), failed.toString());
        }
        List<String> answered = run.invocations().stream().map(i -> DeployedFunctions.json(i.text()))
                .filter(r -> r.has("decision")).map(r -> r.path("trigger").path("detailType").asText() + " "
                        + r.path("decision").asText()).distinct().toList();
        assertEquals(List.of("Scheduled Event FAILED"), answered,
                "only sweeps answer, saying FAILED per service: the schedule itself repeats them");
        System.out.println("every DescribeServices failing: " + endings);
    }
}
