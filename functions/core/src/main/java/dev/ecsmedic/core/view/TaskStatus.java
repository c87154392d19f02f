package dev.ecsmedic.core.view;

/** A task's lastStatus or desiredStatus, as ECS's task lifecycle names them; UNKNOWN for any other value. */
public enum TaskStatus {
    PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED, DELETED, UNKNOWN;

    public static TaskStatus of(String value) {
        return Names.of(TaskStatus.class, value, UNKNOWN, UNKNOWN);
    }

    /** On its way to RUNNING. */
    public boolean starting() {
        return this == PROVISIONING || this == PENDING || this == ACTIVATING;
    }
}
