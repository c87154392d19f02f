package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FaultInjector;
import dev.ecsmedic.testkit.FunctionInvoker;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Reserved concurrency serialises each function, not the functions together: whenever the stale-lock function
 * is invoked, the same event reaches a second instance of it at the same moment (a duplicate delivery) and the
 * alarm function reconciles the same service (an alarm on its metrics), each in its own container with its own
 * clients, with ECS consistent or eventually consistent. Only the one stale task is ever stopped, and only one
 * report says it stopped it.
 */
class ConcurrentReconcilesTest {

    private static final String STALE_LOCK = Functions.STALE_LOCK.name();
    private static final String ALARM = Functions.ALARM.name();

    /** Three containers: two of the stale-lock function, one of the alarm function, invoked together. */
    private static final class AtOnce implements FunctionInvoker, AutoCloseable {
        private final List<LocalFunctions> containers = new ArrayList<>();
        private final byte[] alarm;
        private final ExecutorService pool = Executors.newFixedThreadPool(3);
        private final List<String> results = new ArrayList<>();

        AtOnce(Scenario scenario, Simulator simulator, RunnerOptions options) throws Exception {
            for (int i = 0; i < 3; i++) {
                containers.add(Simulation.functions(scenario, FaultScenariosTest.TEMPLATE, Map.of(),
                        Simulation.clients(simulator, options), simulator, line -> { }));
            }
            alarm = Files.readString(Path.of("..", "events", "cloudwatch-alarm-ecs-metric-math.json"))
                    .replace("prometheus-cpu-high", "ecs-medic-prometheus-cpu-high").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String invoke(String function, byte[] event) throws Exception {
            if (!function.equals(STALE_LOCK)) {
                return containers.get(0).invoke(function, event);
            }
            List<Callable<String>> together = List.of(() -> containers.get(0).invoke(STALE_LOCK, event),
                    () -> containers.get(1).invoke(STALE_LOCK, event), () -> containers.get(2).invoke(ALARM, alarm));
            List<Future<String>> answers = pool.invokeAll(together);
            for (Future<String> answer : answers) {
                results.add(answer.get());
            }
            return answers.get(0).get();
        }

        LocalFunctions routing() {
            return containers.get(0);
        }

        @Override
        public void close() {
            pool.shutdownNow();
        }
    }

    /** A run, and every report of the reconciles that ran together. */
    private record Together(RunResult run, List<String> reports) {
        long stopsClaimed() {
            return reports.stream().map(DeployedFunctions::json)
                    .flatMap(r -> java.util.stream.Stream.concat(java.util.stream.Stream.of(r),
                            java.util.stream.StreamSupport.stream(r.path("services").spliterator(), false)))
                    .flatMap(r -> java.util.stream.StreamSupport.stream(r.path("actions").spliterator(), false))
                    .filter(a -> a.path("action").asText().equals("StopTask") && a.path("executed").asBoolean())
                    .count();
        }
    }

    private static Together run(RunnerOptions options) throws Exception {
        Scenario scenario = Scenarios.prometheusEfsLock();
        EcsWorld world = scenario.newWorld();
        try (Simulator simulator = Simulator.start(world); AtOnce atOnce = new AtOnce(scenario, simulator, options)) {
            RunResult run = new ScenarioRunner(options.withSchedules(atOnce.routing().schedules()))
                    .run(scenario, world, atOnce.routing().routes(), atOnce);
            return new Together(run, List.copyOf(atOnce.results));
        }
    }

    @Test
    void reconcilesOfTheSameServiceAtTheSameMomentStopOnlyTheOneStaleTask() throws Exception {
        List<String> lines = new ArrayList<>();
        for (String reads : List.of("consistent", "eventually consistent", "eventually consistent, 20% faults")) {
            for (long seed = 1; seed <= 5; seed++) {
                RunnerOptions options = switch (reads) {
                    case "consistent" -> RunnerOptions.defaults();
                    case "eventually consistent" -> RunnerOptions.defaults()
                            .withFaults(FaultInjector.Config.of(0, seed));
                    default -> RunnerOptions.defaults().withFaults(FaultInjector.Config.of(0.2, seed));
                };
                Together together = run(options.withChaos(0, java.time.Duration.ZERO, seed));
                RunResult run = together.run();
                String where = reads + ", seed " + seed;

                assertTrue(Scenarios.prometheusEfsLock().check(run).passed(), where + ": " + run.summary().describe());
                List<EcsWorld.TaskStop> stops = run.summary().stoppedBy(STALE_LOCK);
                assertEquals(1, stops.size(), where + ": " + run.summary().describe());
                List<String> named = run.callsByFunctions().stream().filter(c -> c.operation().equals("StopTask"))
                        .map(c -> DeployedFunctions.json(c.request()).path("task").asText()).toList();
                assertEquals(1, named.stream().distinct().count(), where + ": StopTask named " + named);
                assertTrue(named.get(0).endsWith(stops.get(0).taskId()), where);
                assertTrue(run.endings().complete(), where + ": " + run.endings());
                long claimed = together.stopsClaimed();
                assertTrue(reads.contains("faults") ? claimed <= 1 : claimed == 1,
                        where + ": " + claimed + " reports say they stopped the task (a reconcile whose every "
                                + "StopTask answer was lost says FAILED, its retry that the task is already stopping)");
                lines.add(where + ": StopTask calls " + named.size() + ", tasks stopped " + stops.size()
                        + ", reports claiming the stop " + together.stopsClaimed());
            }
        }
        System.out.println(String.join("\n", lines));
    }
}
