package dev.ecsmedic.testkit;

import java.time.Instant;

/** A container of a task at the moment its process starts, as its {@link ContainerBehavior} sees and acts on it. */
interface ContainerStart {
    Instant now();

    Timings timings();

    /** Writes a line to the container's awslogs stream, if it has one. */
    void log(String line);

    /** Takes the lock of the task definition's EFS volume {@code volumeName}; false while another task holds it. */
    boolean tryLock(String volumeName);

    /** Plans the process's exit; an essential container's exit stops the task, the earliest exit first. */
    void exitAt(Instant at, int exitCode, String reason, String logLine);

    /** Whether the container is essential and has a health check, so that failing the check replaces the task. */
    boolean essentialWithHealthCheck();

    /** The health check never passes: the task turns UNHEALTHY after startPeriod + interval x retries. */
    void failHealthChecks();
}
