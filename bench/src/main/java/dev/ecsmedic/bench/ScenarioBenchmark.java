package dev.ecsmedic.bench;

import dev.ecsmedic.cli.Simulation;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of a whole scenario under the virtual clock with template.yaml's functions reacting over HTTP, against
 * the same scenario with nobody reacting (the world alone). Run from the repository root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScenarioBenchmark {

    @Param({"prometheus-efs-lock", "healthy-rollout", "exec-enable-prometheus", "alarm-lock-errors"})
    public String scenario;

    @Benchmark
    public RunResult baselineWorldAlone() {
        return new ScenarioRunner().runWithoutFunctions(Scenarios.byName(scenario));
    }

    @Benchmark
    public RunResult withFunctions() {
        return Simulation.run(Scenarios.byName(scenario), Path.of("template.yaml"), Map.of(),
                RunnerOptions.defaults(), false).run();
    }
}
