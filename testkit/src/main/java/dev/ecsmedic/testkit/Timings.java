package dev.ecsmedic.testkit;

import java.time.Duration;

/**
 * How long the simulated Fargate takes for each step; defaults are typical observed durations, so a scenario's
 * minutes read like a real console's.
 */
public record Timings(
        Duration provisioning,
        Duration pulling,
        Duration activating,
        Duration deactivating,
        Duration stopping,
        Duration deprovisioning,
        Duration healthyWithoutCheck,
        Duration agentStart,
        Duration lockErrorAfterStart,
        Duration lockReleaseDelay,
        Duration firstRelaunchBackoff,
        Duration maxRelaunchBackoff,
        Duration stoppedTaskRetention) {

    public static Timings fargate() {
        return new Timings(Duration.ofSeconds(8), Duration.ofSeconds(15), Duration.ofSeconds(3),
                Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(40),
                Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMinutes(15), Duration.ofHours(1));
    }

    public Timings withLockReleaseDelay(Duration delay) {
        return new Timings(provisioning, pulling, activating, deactivating, stopping, deprovisioning,
                healthyWithoutCheck, agentStart, lockErrorAfterStart, delay, firstRelaunchBackoff,
                maxRelaunchBackoff, stoppedTaskRetention);
    }
}
