package dev.ecsmedic.testkit;

import java.time.Duration;

/** What the process inside a container does once it runs; the part of a workload the scheduler cannot see. */
public sealed interface ContainerBehavior {

    /** Runs until stopped; exits 143 on SIGTERM like most processes without a handler. */
    record Steady() implements ContainerBehavior {
    }

    /**
     * Prometheus with its TSDB on the EFS volume {@code volumeName}: takes the volume's lock at start, or logs the
     * lock error and exits 1 when another task holds it; exits 0 on SIGTERM.
     */
    record PrometheusOnEfs(String volumeName) implements ContainerBehavior {
    }

    /**
     * A single writer that waits for the lock instead of exiting: takes the EFS volume's lock at start, or logs
     * {@code lockLine} and stays up without ever passing its health check, until ECS replaces it.
     */
    record WaitsForEfsLock(String volumeName, String lockLine) implements ContainerBehavior {
    }

    /** Writes {@code logLine} and exits with {@code exitCode} {@code after} it starts, lock or no lock. */
    record CrashAtStart(String logLine, int exitCode, Duration after) implements ContainerBehavior {
    }

    /** Killed by the kernel {@code after} it starts: exit 137 with the OutOfMemoryError reason. */
    record OutOfMemory(Duration after) implements ContainerBehavior {
    }

    /** Runs but its health check never passes: UNHEALTHY after startPeriod + interval x retries, then replaced. */
    record NeverHealthy() implements ContainerBehavior {
    }

    static ContainerBehavior steady() {
        return new Steady();
    }

    static ContainerBehavior prometheusOnEfs(String volumeName) {
        return new PrometheusOnEfs(volumeName);
    }

    static ContainerBehavior waitsForEfsLock(String volumeName, String lockLine) {
        return new WaitsForEfsLock(volumeName, lockLine);
    }

    static ContainerBehavior crashAtStart(String logLine) {
        return new CrashAtStart(logLine, 1, Duration.ofSeconds(3));
    }

    static ContainerBehavior outOfMemory() {
        return new OutOfMemory(Duration.ofSeconds(10));
    }
}
