package dev.ecsmedic.testkit;

import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Steps planned for instants of virtual time, run when the world's tick reaches them. Steps due together run by
 * instant, then by the launch order of their task, then by precedence (a lower number first), then as planned.
 */
final class Agenda {
    private record Entry(Instant at, int task, int precedence, long seq, Runnable step) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>(Comparator.comparing(Entry::at)
            .thenComparingInt(Entry::task).thenComparingInt(Entry::precedence).thenComparingLong(Entry::seq));
    private long seq;

    void plan(Instant at, int task, int precedence, Runnable step) {
        queue.add(new Entry(at, task, precedence, seq++, step));
    }

    /** Runs every step due at or before {@code now}, including those the steps themselves plan for then. */
    void runUntil(Instant now) {
        while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
            queue.poll().step().run();
        }
    }
}
