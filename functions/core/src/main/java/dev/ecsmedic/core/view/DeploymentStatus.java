package dev.ecsmedic.core.view;

/** PRIMARY is the newest deployment, ACTIVE an older one still running or draining tasks, INACTIVE a finished one. */
public enum DeploymentStatus {
    PRIMARY, ACTIVE, INACTIVE, UNKNOWN;

    public static DeploymentStatus of(String value) {
        return Names.of(DeploymentStatus.class, value, UNKNOWN, UNKNOWN);
    }
}
