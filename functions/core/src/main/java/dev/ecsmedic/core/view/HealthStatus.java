package dev.ecsmedic.core.view;

/** A task's healthStatus: UNKNOWN also when ECS gives none (no container has a health check). */
public enum HealthStatus {
    HEALTHY, UNHEALTHY, UNKNOWN;

    public static HealthStatus of(String value) {
        return "HEALTHY".equals(value) ? HEALTHY : "UNHEALTHY".equals(value) ? UNHEALTHY : UNKNOWN;
    }
}
