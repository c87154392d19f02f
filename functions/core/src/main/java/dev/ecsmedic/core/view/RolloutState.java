package dev.ecsmedic.core.view;

/** A deployment's rolloutState; NONE when ECS gives none (services not on the rolling update type, say). */
public enum RolloutState {
    IN_PROGRESS, COMPLETED, FAILED, NONE;

    public static RolloutState of(String value) {
        return Names.of(RolloutState.class, value, NONE, NONE);
    }

    /** The rollout ended, one way or the other. */
    public boolean settled() {
        return this == COMPLETED || this == FAILED;
    }
}
