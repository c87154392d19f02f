package dev.ecsmedic.core.view;

import java.time.Instant;

/** A log line from a blocked task that matches the lock error pattern: the proof the lock is the cause. */
public record LockEvidence(String taskArn, String logGroup, String logStream, Instant at, String message) {}
