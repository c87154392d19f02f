package dev.ecsmedic.bench;

import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.stalelock.StaleLockHandler;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;

/**
 * A warm invocation of the stale-lock function on the deadlocked incident (dry-run: it plans the stop every time),
 * against the floor of one DescribeServices round trip to the same local endpoint.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WarmInvocationBenchmark {

    private Simulator simulator;
    private StaleLockHandler handler;
    private EcsClient ecs;
    private byte[] event;

    @Setup
    public void deadlock() throws IOException {
        Scenario scenario = Scenarios.prometheusEfsLock();
        EcsWorld world = scenario.newWorld();
        scenario.script().forEach(step -> step.action().accept(world));
        world.advance(Duration.ofSeconds(60));
        simulator = Simulator.start(world);
        AwsClients clients = AwsClients.local(simulator.endpoint());
        handler = new StaleLockHandler(Functions.STALE_LOCK.compose(clients, Map.of("CLUSTER_NAME",
                        Scenarios.CLUSTER, "WATCHED_SERVICES", Scenarios.PROMETHEUS, "DRY_RUN", "true"))
                .clock(world.clock()).log(line -> { }).build());
        ecs = clients.ecs();
        event = Files.readAllBytes(Path.of("events", "ecs-task-stopped-lock-error.json"));
    }

    @TearDown
    public void stop() {
        simulator.close();
    }

    @Benchmark
    public DescribeServicesResponse baselineOneRoundTrip() {
        return ecs.describeServices(b -> b.cluster(Scenarios.CLUSTER).services(Scenarios.PROMETHEUS));
    }

    @Benchmark
    public byte[] warmInvocation() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toByteArray();
    }
}
