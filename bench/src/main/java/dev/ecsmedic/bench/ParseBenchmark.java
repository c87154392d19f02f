package dev.ecsmedic.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.core.event.Trigger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Event bytes to trigger, against the floor of reading the same bytes into a Jackson tree. Run from the repo root. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private byte[] event;

    @Setup
    public void load() throws IOException {
        event = Files.readAllBytes(Path.of("events", "ecs-task-stopped-lock-error.json"));
    }

    @Benchmark
    public JsonNode baselineJacksonTree() throws IOException {
        return JSON.readTree(event);
    }

    @Benchmark
    public Trigger parseTrigger() {
        return EventParser.parse(event);
    }
}
