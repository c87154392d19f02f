package dev.ecsmedic.testkit;

import java.time.Instant;

/**
 * What the scheduler and the task lifecycle of one world share: its clock, Fargate's timings, its ids, and the
 * outbox and journal they write what happens to.
 */
record Context(VirtualClock clock, Timings timings, Ids ids, Outbox outbox, Journal journal) {
    Instant now() {
        return clock.instant();
    }
}
