package dev.ecsmedic.core.view;

import java.time.Instant;

/** A deployment as DescribeServices reports it. */
public record Deployment(
        String id,
        DeploymentStatus status,
        RolloutState rolloutState,
        String rolloutStateReason,
        String taskDefinition,
        int desiredCount,
        int pendingCount,
        int runningCount,
        int failedTasks,
        Instant createdAt,
        Instant updatedAt) {

    public boolean inProgress() {
        return rolloutState == RolloutState.IN_PROGRESS;
    }

    /** The rollout ended, one way or the other: COMPLETED or FAILED. */
    public boolean settled() {
        return rolloutState.settled();
    }
}
