package dev.ecsmedic.bench;

import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.core.event.Trigger;
import dev.ecsmedic.core.policy.Remediation;
import dev.ecsmedic.core.port.Actions;
import dev.ecsmedic.core.port.AlarmTagReads;
import dev.ecsmedic.core.port.CallRecord;
import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.ExecEnablements;
import dev.ecsmedic.core.port.ExecFactsReads;
import dev.ecsmedic.core.port.LockEvidenceReads;
import dev.ecsmedic.core.port.Ports;
import dev.ecsmedic.core.port.ServiceReads;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

/**
 * An event no function acts on (a standalone task's stop, events/ecs-task-stopped-standalone.json): parsed to an
 * Ignored trigger, and handled end to end by the stale-lock remediator, report and log line included, through
 * ports that count every call and refuse it. Setup checks the trigger is Ignored; teardown fails the run if any
 * port was called. Target: 20 µs. Run from the repo root.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class IrrelevantEventBenchmark {

    private final AtomicLong portCalls = new AtomicLong();
    private byte[] event;
    private Remediator remediator;

    @Setup
    public void load() throws IOException {
        event = Files.readAllBytes(Path.of("events", "ecs-task-stopped-standalone.json"));
        if (!(EventParser.parse(event) instanceof Trigger.Ignored)) {
            throw new IllegalStateException("the standalone task's stop is not ignored: " + EventParser.parse(event));
        }
        Ports ports = new Ports(refusing(ServiceReads.class), refusing(LockEvidenceReads.class),
                refusing(ExecFactsReads.class), refusing(AlarmTagReads.class), refusing(Actions.class),
                refusing(Claims.class), refusing(ExecEnablements.class), new CallRecord() {
                    @Override
                    public int mark() {
                        return 0;
                    }

                    @Override
                    public List<String> since(int mark) {
                        return List.of();
                    }
                });
        remediator = Remediator.builder("stale-lock-remediator", ports).remediation(Remediation.STALE_LOCK)
                .settingsFrom(Map.of("CLUSTER_NAME", "observability", "WATCHED_SERVICES", "prometheus",
                        "DRY_RUN", "false"))
                .log(line -> { }).build();
        remediator.handle(event);
        noPortCalled();
    }

    @TearDown
    public void noPortCalled() {
        if (portCalls.get() != 0) {
            throw new IllegalStateException(portCalls.get() + " port calls for an ignored event");
        }
    }

    private <T> T refusing(Class<T> port) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("hashCode") ? System.identityHashCode(proxy)
                        : method.getName().equals("equals") ? proxy == args[0] : port.getSimpleName();
            }
            portCalls.incrementAndGet();
            throw new IllegalStateException(port.getSimpleName() + "." + method.getName() + " for an ignored event");
        }));
    }

    @Benchmark
    public Trigger parseAndClassify() {
        return EventParser.parse(event);
    }

    @Benchmark
    public String handleWithReportAndLogLine() {
        return remediator.handle(event);
    }
}
