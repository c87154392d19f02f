package dev.ecsmedic.core.view;

import java.time.Instant;

/** A deployment as DescribeServices reports it; {@code rolloutState} is empty when ECS gives none. */
public record Deployment(
        String id,
        String status,
        String rolloutState,
        String rolloutStateReason,
        String taskDefinition,
        int desiredCount,
        int pendingCount,
        int runningCount,
        int failedTasks,
        Instant createdAt,
        Instant updatedAt) {

    public boolean inProgress() {
        return "IN_PROGRESS".equals(rolloutState);
    }

    /** The rollout ended, one way or the other: COMPLETED or FAILED. */
    public boolean settled() {
        return "COMPLETED".equals(rolloutState) || "FAILED".equals(rolloutState);
    }
}
