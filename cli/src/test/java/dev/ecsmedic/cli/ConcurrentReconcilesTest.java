package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FaultInjector;
import dev.ecsmedic.testkit.FunctionInvoker;
import dev.ecsmedic.testkit.MetricAlarmSpec;
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
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Reserved concurrency serialises each function, not the functions together: whenever the stale-lock function
 * is invoked, the same event reaches a second instance of it at the same moment (a duplicate delivery) and the
 * alarm function reconciles the same service (an alarm on its metrics), each in its own container with its own
 * clients, with ECS consistent or eventually consistent. The claim each takes before it acts lets exactly one of
 * them send StopTask, once (the SDK's retries of a faulted call aside), for the one stale task; the others report
 * whose claim it is. The same holds for the exec rollout's forced deployment delivered twice at once.
 */
class ConcurrentReconcilesTest {

    private static final String STALE_LOCK = Functions.STALE_LOCK.name();
    private static final String ALARM = Functions.ALARM.name();

    /** Containers of the template's functions: each invocation of {@code racing} runs with its racers at once. */
    private static final class AtOnce implements FunctionInvoker, AutoCloseable {
        private final List<LocalFunctions> containers = new ArrayList<>();
        private final String racing;
        private final List<Map.Entry<String, byte[]>> racers;
        private final ExecutorService pool = Executors.newFixedThreadPool(3);
        private final List<String> results = new ArrayList<>();

        /** {@code racers}: each a function and its event, or null for the event being delivered. */
        AtOnce(Scenario scenario, Simulator simulator, RunnerOptions options, String racing,
               List<Map.Entry<String, byte[]>> racers) throws Exception {
            this.racing = racing;
            this.racers = racers;
            Rendezvous rendezvous = new Rendezvous(racers.size() + 1);
            for (int i = 0; i <= racers.size(); i++) {
                containers.add(Simulation.functions(scenario, FaultScenariosTest.TEMPLATE, Map.of(),
                        Simulation.clients(simulator, options, List.of(rendezvous)), simulator, line -> { }));
            }
        }

        @Override
        public String invoke(String function, byte[] event) throws Exception {
            return invoke(function, event, java.util.UUID.randomUUID().toString());
        }

        /**
         * The delivery and its racers at once; each racer is a delivery of its own, retried by Lambda when the
         * delivery is (the runner retries the delivery), with a request id of its own that its retries keep.
         */
        @Override
        public String invoke(String function, byte[] event, String requestId) throws Exception {
            if (!function.equals(racing)) {
                return containers.get(0).invoke(function, event, requestId);
            }
            List<Callable<String>> together = new ArrayList<>();
            together.add(() -> containers.get(0).invoke(function, event, requestId));
            for (int i = 0; i < racers.size(); i++) {
                LocalFunctions container = containers.get(i + 1);
                Map.Entry<String, byte[]> racer = racers.get(i);
                String racerId = requestId + "-racer-" + i;
                together.add(() -> container.invoke(racer.getKey(), racer.getValue() == null ? event : racer.getValue(),
                        racerId));
            }
            List<Future<String>> answers = pool.invokeAll(together);
            Exception failure = null;
            for (Future<String> answer : answers) {
                try {
                    results.add(answer.get());
                } catch (java.util.concurrent.ExecutionException failed) {
                    results.add("{\"errorMessage\": \"" + failed.getCause() + "\"}");
                    failure = failure == null ? (Exception) failed.getCause() : failure;
                }
            }
            if (failure != null) {
                throw failure; // the runner retries the delivery, and with it each racer, as Lambda retries each
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

    /**
     * Holds every claim until all reconciles of a race have reached theirs (or three seconds have passed), so they
     * all decide from the same reads before any of them acts: the race the claim exists for, every time.
     */
    private static final class Rendezvous implements ExecutionInterceptor {
        private final java.util.concurrent.CyclicBarrier barrier;

        Rendezvous(int parties) {
            this.barrier = new java.util.concurrent.CyclicBarrier(parties);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!"PutItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
                return;
            }
            try {
                barrier.await(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.BrokenBarrierException e) {
                barrier.reset();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A run, every report of the reconciles that ran together, and the faults injected. */
    private record Together(RunResult run, List<String> reports, List<FaultInjector.Injected> faults) {
        /** Calls of {@code operation} the SDK sent again because an earlier attempt was faulted. */
        long retriesOf(String operation) {
            return faults.stream().filter(f -> f.operation().equals(operation)).count();
        }

        long claimedElsewhere() {
            return reports.stream().filter(r -> r.contains("not repeated: claimed by ")).count();
        }

        long stopsClaimed() {
            return reports.stream().map(DeployedFunctions::json)
                    .flatMap(r -> java.util.stream.Stream.concat(java.util.stream.Stream.of(r),
                            java.util.stream.StreamSupport.stream(r.path("services").spliterator(), false)))
                    .flatMap(r -> java.util.stream.StreamSupport.stream(r.path("actions").spliterator(), false))
                    .filter(a -> a.path("action").asText().equals("StopTask") && a.path("executed").asBoolean())
                    .count();
        }
    }

    private static Together run(Scenario scenario, RunnerOptions options, String racing,
                                List<Map.Entry<String, byte[]>> racers) throws Exception {
        EcsWorld world = scenario.newWorld();
        // the alarm the racing alarm event is about (without it, the alarm function reconciles nothing)
        world.cloudWatch().putMetricAlarm(MetricAlarmSpec.single("ecs-medic-prometheus-cpu-high", "cpu",
                new MetricAlarmSpec.Metric("AWS/ECS", "CPUUtilization", Map.of("ClusterName", Scenarios.CLUSTER,
                        "ServiceName", Scenarios.PROMETHEUS)), "Maximum", 60, 85, "GreaterThanThreshold",
                "notBreaching", Map.of()));
        try (Simulator simulator = Simulator.start(world);
             AtOnce atOnce = new AtOnce(scenario, simulator, options, racing, racers)) {
            RunResult run = new ScenarioRunner(options.withSchedules(atOnce.routing().schedules()))
                    .run(scenario, world, atOnce.routing().routes(), atOnce);
            return new Together(run, List.copyOf(atOnce.results), world.faults().injected());
        }
    }

    private static RunnerOptions options(String reads, long seed) {
        RunnerOptions options = switch (reads) {
            case "consistent" -> RunnerOptions.defaults();
            case "eventually consistent" -> RunnerOptions.defaults().withFaults(FaultInjector.Config.of(0, seed));
            default -> RunnerOptions.defaults().withFaults(FaultInjector.Config.of(0.2, seed));
        };
        return options.withChaos(0, java.time.Duration.ZERO, seed);
    }

    private static final List<String> READS = List.of("consistent", "eventually consistent",
            "eventually consistent, 20% faults");

    @Test
    void reconcilesOfTheSameServiceAtTheSameMomentStopOnlyTheOneStaleTaskOnce() throws Exception {
        byte[] alarm = Files.readString(Path.of("..", "events", "cloudwatch-alarm-ecs-metric-math.json"))
                .replace("prometheus-cpu-high", "ecs-medic-prometheus-cpu-high").getBytes(StandardCharsets.UTF_8);
        List<Map.Entry<String, byte[]>> racers = new ArrayList<>();
        racers.add(new java.util.AbstractMap.SimpleEntry<>(STALE_LOCK, null));
        racers.add(new java.util.AbstractMap.SimpleEntry<>(ALARM, alarm));
        List<String> lines = new ArrayList<>();
        for (String reads : READS) {
            for (long seed = 1; seed <= 5; seed++) {
                Together together = run(Scenarios.prometheusEfsLock(), options(reads, seed), STALE_LOCK, racers);
                RunResult run = together.run();
                String where = reads + ", seed " + seed;

                assertTrue(Scenarios.prometheusEfsLock().check(run).passed(), where + ": " + run.summary().describe());
                List<EcsWorld.TaskStop> stops = run.summary().stoppedBy(STALE_LOCK);
                assertEquals(1, stops.size(), where + ": " + run.summary().describe());
                List<String> named = run.callsByFunctions().stream().filter(c -> c.operation().equals("StopTask"))
                        .map(c -> DeployedFunctions.json(c.request()).path("task").asText()).toList();
                assertEquals(1, named.stream().distinct().count(), where + ": StopTask named " + named);
                assertTrue(named.get(0).endsWith(stops.get(0).taskId()), where);
                assertEquals(1 + together.retriesOf("StopTask"), named.size(), where + ": one StopTask call, and "
                        + "only the SDK's retries of a faulted one besides");
                assertTrue(together.reports().stream().anyMatch(r -> r.contains("\"function\":\"AlarmRemediatorFunction\"")
                        && r.contains("StopTask")), where + ": the alarm function took part in the race");
                if (!reads.contains("faults")) {
                    assertEquals(2, together.claimedElsewhere(), where + ": all three reached the claim with the "
                            + "same reads; the two that lost it say whose it is");
                }
                assertTrue(run.endings().complete(), where + ": " + run.endings());
                long claimed = together.stopsClaimed();
                assertTrue(reads.contains("faults") ? claimed <= 1 : claimed == 1,
                        where + ": " + claimed + " reports say they stopped the task (a reconcile whose every "
                                + "StopTask answer was lost says FAILED, its retry that the task is already stopping)");
                lines.add(where + ": StopTask calls " + named.size() + " (SDK retries " + together.retriesOf("StopTask")
                        + "), tasks stopped " + stops.size() + ", reports claiming the stop " + claimed
                        + ", reports naming another's claim " + together.claimedElsewhere());
            }
        }
        System.out.println(String.join("\n", lines));
    }

    @Test
    void aForcedDeploymentDeliveredThreeTimesAtOnceIsForcedOnce() throws Exception {
        String exec = Functions.EXEC_ROLLOUT.name();
        List<Map.Entry<String, byte[]>> racers = List.of(new java.util.AbstractMap.SimpleEntry<>(exec, null),
                new java.util.AbstractMap.SimpleEntry<>(exec, null));
        List<String> lines = new ArrayList<>();
        for (String reads : READS) {
            for (long seed = 1; seed <= 5; seed++) {
                Scenario scenario = dev.ecsmedic.testkit.ExecScenarios.execEnable();
                Together together = run(scenario, options(reads, seed), exec, racers);
                RunResult run = together.run();
                String where = reads + ", seed " + seed;

                assertTrue(scenario.check(run).passed(), where + ": " + run.summary().describe());
                long sent = run.callsByFunctions().stream().filter(c -> c.operation().equals("UpdateService")).count();
                assertEquals(1, run.summary().forcedDeployments(), where + ": " + run.summary().describe());
                assertEquals(1, sent, where + ": UpdateService is sent once, by the claim's holder");
                assertTrue(run.endings().complete(), where + ": " + run.endings());
                lines.add(where + ": UpdateService calls " + sent + ", deployments forced "
                        + run.summary().forcedDeployments() + ", reports naming another's claim "
                        + together.claimedElsewhere());
            }
        }
        System.out.println(String.join("\n", lines));
    }
}
