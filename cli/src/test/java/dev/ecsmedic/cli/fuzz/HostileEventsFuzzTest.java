package dev.ecsmedic.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.Simulation;
import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.function.FunctionDefinition;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.testkit.AlarmScenarios;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.MetricAlarmSpec;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.ServiceSpec;
import dev.ecsmedic.testkit.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every function of template.yaml, acting (DryRun=false) against the simulator, fed thousands of hostile
 * variants of the sample events. The world is settled: each watched service runs its one COMPLETED deployment
 * with healthy tasks and ECS Exec off, so no event, however it names a service, gives a function anything to do.
 * A decision other than NO_ACTION, or any call but a read in the simulator's own call log, is therefore a defect;
 * only an AWS failure may throw (the deliberate error Lambda retries). Each invocation must also end quickly and
 * return a report of bounded size with a reason.
 */
class HostileEventsFuzzTest {

    static final long SEED = Long.getLong("ecsmedic.fuzz.seed", 20251113L);
    static final int INPUTS = Integer.getInteger("ecsmedic.fuzz.inputs", 3_000);
    static final int MAX_REPORT_BYTES = 16 * 1024;
    static final long MAX_INVOCATION_MILLIS = 2_000;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("../events");
    /** The metric-math sample's alarm, given the opt-in prefix, so alarms naming a service by dimensions reconcile. */
    private static final String OPTED_IN_CPU_ALARM = "ecs-medic-prometheus-cpu-high";

    private static Harness settled;

    /** The functions as deployed against one world, with what they logged. */
    private record Harness(EcsWorld world, Simulator simulator, LocalFunctions functions, List<String> logLines) {
        static Harness on(EcsWorld world) {
            Simulator simulator = Simulator.start(world);
            Map<String, String> parameters = Map.of("ClusterName", Scenarios.CLUSTER,
                    "WatchedServices", Scenarios.PROMETHEUS + "," + Scenarios.WEB,
                    "LogGroupNames", Scenarios.PROMETHEUS_LOG_GROUP, "DryRun", "false");
            List<String> logLines = new ArrayList<>();
            LocalFunctions functions = LocalFunctions.wire(Simulation.provision(
                            SamTemplate.load(Path.of("../template.yaml"), parameters), world),
                    AwsClients.local(simulator.endpoint()), world.clock(), logLines::add);
            return new Harness(world, simulator, functions, logLines);
        }
    }

    @BeforeAll
    static void settledWorld() {
        EcsWorld world = EcsWorld.create();
        world.cluster(Scenarios.CLUSTER);
        world.registerTaskDefinition(Scenarios.prometheusTaskDefinition());
        world.registerTaskDefinition(Scenarios.webTaskDefinition());
        world.createService(ServiceSpec.of(Scenarios.CLUSTER, Scenarios.PROMETHEUS, Scenarios.PROMETHEUS, 1)
                .withDeployment(100, 200, true, true));
        world.createService(ServiceSpec.of(Scenarios.CLUSTER, Scenarios.WEB,
                Scenarios.webTaskDefinition().family(), 2).withDeployment(100, 200, true, true));
        world.settle(Duration.ofMinutes(5));
        world.cloudWatch().putMetricAlarm(AlarmScenarios.lockErrorAlarm());
        world.cloudWatch().putMetricAlarm(MetricAlarmSpec.single(OPTED_IN_CPU_ALARM, "cpu",
                new MetricAlarmSpec.Metric("AWS/ECS", "CPUUtilization", Map.of("ClusterName", Scenarios.CLUSTER,
                        "ServiceName", Scenarios.PROMETHEUS)), "Maximum", 60, 85, "GreaterThanThreshold",
                "notBreaching", Map.of()));
        settled = Harness.on(world);
    }

    @AfterAll
    static void stop() {
        settled.simulator().close();
    }

    @Test
    void theOracleSeesAWriteWhereThereIsSomethingToDo() throws IOException {
        Harness deadlocked = Harness.on(Scenarios.prometheusEfsLock().worldAfter(Duration.ofSeconds(60)));
        try {
            List<String> defects = new ArrayList<>();
            byte[] lockError = Files.readAllBytes(EVENTS.resolve("ecs-task-stopped-lock-error.json"));
            invoke(deadlocked, Functions.STALE_LOCK.name(), new EventMutations.Input("ecs-task-stopped-lock-error.json",
                    List.of(), lockError), new Tally(), defects);

            assertTrue(defects.stream().anyMatch(d -> d.contains("called ecs.StopTask")), defects.toString());
            assertTrue(defects.stream().anyMatch(d -> d.contains("decided STOP_STALE_TASKS")), defects.toString());
        } finally {
            deadlocked.simulator().close();
        }
    }

    @Test
    void theWorldIsSettledSoNothingIsLegitimatelyToBeDone() {
        EcsWorld world = settled.world();
        for (String service : List.of(Scenarios.PROMETHEUS, Scenarios.WEB)) {
            List<EcsWorld.DeploymentView> deployments = world.deployments(Scenarios.CLUSTER, service);
            assertEquals(1, deployments.size(), deployments.toString());
            assertEquals("COMPLETED", deployments.get(0).rolloutState());
            assertTrue(world.serving(Scenarios.CLUSTER, service), service + " serves");
        }
    }

    @Test
    @DisplayName("3,000 mutated events for each of the 3 functions: NO_ACTION with a reason (or an AWS error), no"
            + " AWS write, bounded time and report")
    void hostileEventsGiveNoActionAndNoWrite() throws IOException {
        Map<String, byte[]> samples = new TreeMap<>();
        try (Stream<Path> files = Files.list(EVENTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                samples.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        samples.put("cloudwatch-alarm-ecs-metric-math.json named " + OPTED_IN_CPU_ALARM, new String(
                samples.get("cloudwatch-alarm-ecs-metric-math.json"), StandardCharsets.UTF_8)
                .replace("prometheus-cpu-high", OPTED_IN_CPU_ALARM).getBytes(StandardCharsets.UTF_8));
        EventMutations mutations = new EventMutations(SEED, samples);
        Map<String, Tally> tallies = new LinkedHashMap<>();
        Functions.ALL.forEach(f -> tallies.put(f.name(), new Tally()));
        List<String> defects = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        long started = System.nanoTime();
        for (int i = 0; i < INPUTS; i++) {
            EventMutations.Input input = mutations.next();
            for (FunctionDefinition function : Functions.ALL) {
                invoke(settled, function.name(), input, tallies.get(function.name()), defects);
            }
            input.mutations().forEach(m -> kinds.merge(m.split(" ")[0], 1, Integer::sum));
            if (defects.size() > 20) {
                break;
            }
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        StringBuilder summary = new StringBuilder("fuzzed with seed " + SEED + " in " + millis + " ms:");
        tallies.forEach((name, t) -> summary.append("\n  ").append(name).append(": ").append(t));
        summary.append("\n  mutations by kind (by first word): ").append(kinds);
        System.out.println(summary);
        assertTrue(defects.isEmpty(), defects.size() + " defect(s), seed " + SEED + ":\n" + String.join("\n",
                defects) + "\n" + summary);
        tallies.values().forEach(t -> assertEquals(INPUTS, t.inputs, "every input reached every function"));
        assertTrue(tallies.values().stream().allMatch(t -> t.reconciled > 0),
                "some mutated events still name a watched service and are reconciled: " + summary);
    }

    private static void invoke(Harness harness, String function, EventMutations.Input input, Tally tally,
                               List<String> defects) {
        EcsWorld world = harness.world();
        List<String> logLines = harness.logLines();
        int callsBefore = world.apiCalls().size();
        int logsBefore = logLines.size();
        long started = System.nanoTime();
        String report = null;
        Throwable thrown = null;
        try {
            report = harness.functions().invoke(function, input.bytes());
        } catch (Remediator.RemediationFailedException e) {
            thrown = e;
        } catch (Throwable e) {
            defects.add(function + " threw " + e + " on " + input.describe());
            thrown = e;
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        tally.inputs++;
        tally.maxMillis = Math.max(tally.maxMillis, millis);
        if (millis > MAX_INVOCATION_MILLIS) {
            defects.add(function + " took " + millis + " ms on " + input.describe());
        }
        List<EcsWorld.ApiCall> calls = world.apiCalls();
        List<EcsWorld.ApiCall> made = calls.subList(callsBefore, calls.size());
        if (!made.isEmpty()) {
            tally.reconciled++;
        }
        made.stream().filter(c -> !read(c.operation())).forEach(c -> defects.add(function + " called "
                + c.service() + "." + c.operation() + " on " + input.describe()));
        for (String line : logLines.subList(logsBefore, logLines.size())) {
            if (line.length() > MAX_REPORT_BYTES) {
                defects.add(function + " logged a report of " + line.length() + " chars on " + input.describe());
            }
        }
        if (thrown instanceof Remediator.RemediationFailedException e) {
            tally.failed++;
            tally.errors.add(e.getMessage() + " on " + input.describe());
            return;
        }
        if (report == null) {
            return;
        }
        if (report.length() > MAX_REPORT_BYTES) {
            defects.add(function + " returned a report of " + report.length() + " chars on " + input.describe());
        }
        JsonNode json;
        try {
            json = JSON.readTree(report);
        } catch (IOException e) {
            defects.add(function + " returned a report that is not JSON on " + input.describe());
            return;
        }
        String decision = json.path("decision").asText();
        if (!decision.equals("NO_ACTION")) {
            defects.add(function + " decided " + decision + " " + json.path("reasons") + " on " + input.describe());
        }
        JsonNode reasons = json.path("services").isEmpty() ? json.path("reasons") : json.at("/services/0/reasons");
        if (reasons.isEmpty() || reasons.get(0).asText().isBlank()) {
            defects.add(function + " gave no reason on " + input.describe());
        }
        tally.noAction++;
    }

    private static boolean read(String operation) {
        return Stream.of("Describe", "List", "Get", "FilterLogEvents", "SimulatePrincipalPolicy")
                .anyMatch(operation::startsWith);
    }

    private static final class Tally {
        int inputs;
        int noAction;
        int failed;
        int reconciled;
        long maxMillis;
        final List<String> errors = new ArrayList<>();

        @Override
        public String toString() {
            return inputs + " inputs: " + noAction + " NO_ACTION, " + failed + " AWS errors thrown, " + reconciled
                    + " read AWS, slowest " + maxMillis + " ms" + errors.stream().limit(3).map(e -> "\n    error: " + e)
                    .reduce("", String::concat);
        }
    }
}
