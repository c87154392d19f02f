package dev.ecsmedic.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.aws.EcsObserver;
import dev.ecsmedic.core.aws.LockEvidenceReader;
import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.policy.StaleLockPolicy;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.report.ReportJson;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stale-lock decision and the report, from memory. Setup observes the deadlocked incident once through the
 * simulator (the service with its tasks and the lock evidence in the blocked task's log), then closes it; the
 * benchmarks make no call. {@code decide} is the whole policy on that view (target: 100 µs); the report is that
 * incident's dry-run report, written as the function's result and as its log line, against jackson-databind's
 * record binding of the same record as a baseline. Run from the repo root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionBenchmark {

    private static final ObjectMapper DATABIND = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("CLUSTER_NAME", Scenarios.CLUSTER,
            "WATCHED_SERVICES", Scenarios.PROMETHEUS, "DRY_RUN", "true");

    private ServiceView view;
    private Map<String, LockEvidence> evidence;
    private Settings settings;
    private Instant now;
    private Report report;

    @Setup
    public void observeTheDeadlock() throws IOException {
        EcsWorld world = Scenarios.prometheusEfsLock().worldAfter(Duration.ofSeconds(60));
        try (Simulator simulator = Simulator.start(world)) {
            AwsClients clients = AwsClients.local(simulator.endpoint());
            settings = Settings.fromEnvironment(ENV);
            now = world.clock().instant();
            EcsObserver ecs = new EcsObserver(clients::ecs);
            view = ecs.withTasks(ecs.service(Scenarios.CLUSTER, Scenarios.PROMETHEUS).orElseThrow(), List.of());
            evidence = new LockEvidenceReader(clients::logs).find(view,
                    StaleLockPolicy.tasksNeedingEvidence(view, settings, now), settings.lockErrorPattern()).evidence();
            report = Functions.STALE_LOCK.compose(clients, ENV).clock(world.clock()).log(line -> { }).build()
                    .handle(EventParser.parse(Files.readAllBytes(Path.of("events",
                            "ecs-task-stopped-lock-error.json"))));
        }
        Plan plan = decide();
        if (plan.decision() != Decision.STOP_STALE_TASKS || report.decision() != Decision.STOP_STALE_TASKS) {
            throw new IllegalStateException("the deadlock is not decided a stale lock: " + plan + " / " + report);
        }
    }

    @Benchmark
    public Plan decide() {
        return StaleLockPolicy.decide(view, evidence, settings, now);
    }

    @Benchmark
    public String reportWrite() {
        return ReportJson.write(report);
    }

    @Benchmark
    public String reportLogLine() {
        return ReportJson.logLine(report, 1_763_073_160_000L);
    }

    @Benchmark
    public String baselineDatabindRecordBinding() throws JsonProcessingException {
        return DATABIND.writeValueAsString(report);
    }
}
