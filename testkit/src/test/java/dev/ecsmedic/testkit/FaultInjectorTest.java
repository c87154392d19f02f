package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fault injector draws from its seed alone: same seed and calls, same faults; only the operations asked for. */
class FaultInjectorTest {

    private static List<FaultInjector.Fault> draws(FaultInjector injector, int n) {
        List<FaultInjector.Fault> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(injector.next(i % 2 == 0 ? "DescribeServices" : "StopTask"));
        }
        return out;
    }

    @Test
    void theSameSeedInjectsTheSameFaultsAtAboutTheRate() {
        List<FaultInjector.Fault> one = draws(new FaultInjector(FaultInjector.Config.of(0.2, 7)), 2000);
        assertEquals(one, draws(new FaultInjector(FaultInjector.Config.of(0.2, 7)), 2000));
        assertNotEquals(one, draws(new FaultInjector(FaultInjector.Config.of(0.2, 8)), 2000));
        long faulted = one.stream().filter(f -> f != null).count();
        assertTrue(faulted > 330 && faulted < 470, "faulted " + faulted + " of 2000");
        for (FaultInjector.Kind kind : FaultInjector.Kind.values()) {
            assertTrue(one.stream().anyMatch(f -> f != null && f.kind() == kind), kind.toString());
        }
        assertTrue(one.stream().noneMatch(f -> f != null && f.kind() == FaultInjector.Kind.THROTTLING
                && f.afterEffect()), "a throttled call never took effect");
    }

    @Test
    void onlyTheOperationsAskedForFailAndStaleDescriptionsEnd() {
        FaultInjector injector = new FaultInjector(FaultInjector.Config.of(1.0, 1)
                .only(Set.of("StopTask"), Set.of(FaultInjector.Kind.INTERNAL_ERROR)));
        assertNull(injector.next("DescribeServices"));
        assertEquals(FaultInjector.Kind.INTERNAL_ERROR, injector.next("StopTask").kind());

        Instant t = Instant.parse("2025-11-13T22:00:00Z");
        injector.beforeStop("task-1", Json.obj().put("lastStatus", "RUNNING"), t);
        assertEquals("RUNNING", injector.staleDescription("task-1", t.plusMillis(500)).path("lastStatus").asText());
        assertNull(injector.staleDescription("task-1", t.plus(Duration.ofSeconds(10))));
        assertTrue(injector.unlisted("task-2", t, t.plusMillis(500)));
        assertTrue(!injector.unlisted("task-2", t, t.plusSeconds(5)));
        assertNull(FaultInjector.NONE.next("StopTask"));
    }
}
