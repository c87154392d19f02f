package dev.ecsmedic.testkit;

import java.time.Duration;
import java.time.Instant;

/** What the process inside a container does once it runs; the part of a workload the scheduler cannot see. */
public sealed interface ContainerBehavior {

    /** What the process does as its container starts: write lines, take locks, plan to exit or to fail checks. */
    default void start(ContainerStart container) {
    }

    /** Whether the container's health check passes once the process has had time to come up. */
    default boolean passesHealthCheck() {
        return true;
    }

    /** The exit code of the process when ECS stops its task with SIGTERM. */
    default int exitCodeOnSigterm() {
        return 143;
    }

    /** Runs until stopped; exits 143 on SIGTERM like most processes without a handler. */
    record Steady() implements ContainerBehavior {
    }

    /**
     * Prometheus with its TSDB on the EFS volume {@code volumeName}: takes the volume's lock at start, or logs the
     * lock error and exits 1 when another task holds it; exits 0 on SIGTERM.
     */
    record PrometheusOnEfs(String volumeName) implements ContainerBehavior {
        static final String LOCK_ERROR =
                "opening storage failed: lock DB directory: resource temporarily unavailable";

        @Override
        public void start(ContainerStart container) {
            Instant now = container.now();
            container.log(line(now, "main.go:585", "info",
                    "msg=\"Starting Prometheus Server\" mode=server version=\"(version=2.47.0, branch=HEAD)\""));
            if (container.tryLock(volumeName)) {
                container.log(line(now, "main.go:1045", "info", "msg=\"TSDB started\""));
                container.log(line(now, "main.go:1239", "info", "msg=\"Server is ready to receive web requests.\""));
            } else {
                Instant at = now.plus(container.timings().lockErrorAfterStart());
                container.exitAt(at, 1, null, line(at, "main.go:1159", "error", "err=\"" + LOCK_ERROR + "\""));
            }
        }

        @Override
        public int exitCodeOnSigterm() {
            return 0;
        }

        private static String line(Instant at, String caller, String level, String rest) {
            return "ts=" + Json.isoMillis(at) + " caller=" + caller + " level=" + level + " " + rest;
        }
    }

    /**
     * A single writer that waits for the lock instead of exiting: takes the EFS volume's lock at start, or logs
     * {@code lockLine} and stays up without ever passing its health check, until ECS replaces it.
     */
    record WaitsForEfsLock(String volumeName, String lockLine) implements ContainerBehavior {
        @Override
        public void start(ContainerStart container) {
            if (container.tryLock(volumeName) || !container.essentialWithHealthCheck()) {
                return;
            }
            container.log(lockLine);
            container.failHealthChecks();
        }
    }

    /** Writes {@code logLine} and exits with {@code exitCode} {@code after} it starts, lock or no lock. */
    record CrashAtStart(String logLine, int exitCode, Duration after) implements ContainerBehavior {
        @Override
        public void start(ContainerStart container) {
            container.exitAt(container.now().plus(after), exitCode, null, logLine);
        }
    }

    /** Killed by the kernel {@code after} it starts: exit 137 with the OutOfMemoryError reason. */
    record OutOfMemory(Duration after) implements ContainerBehavior {
        @Override
        public void start(ContainerStart container) {
            container.exitAt(container.now().plus(after), 137,
                    "OutOfMemoryError: Container killed due to memory usage", null);
        }
    }

    /** Runs but its health check never passes: UNHEALTHY after startPeriod + interval x retries, then replaced. */
    record NeverHealthy() implements ContainerBehavior {
        @Override
        public boolean passesHealthCheck() {
            return false;
        }
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

    /** Does its work and exits 0 {@code after} it starts: an init container, non-essential. */
    static ContainerBehavior finishes(Duration after) {
        return new CrashAtStart(null, 0, after);
    }

    static ContainerBehavior outOfMemory() {
        return new OutOfMemory(Duration.ofSeconds(10));
    }
}
