package dev.ecsmedic.core.view;

/** A task's lastStatus or desiredStatus, as ECS's task lifecycle names them; UNKNOWN for any other value. */
public enum TaskStatus {
    PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED, DELETED, UNKNOWN;

    public static TaskStatus of(String value) {
        for (TaskStatus status : values()) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }

    /** On its way to RUNNING. */
    public boolean starting() {
        return this == PROVISIONING || this == PENDING || this == ACTIVATING;
    }
}
