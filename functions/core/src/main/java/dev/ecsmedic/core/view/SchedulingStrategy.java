package dev.ecsmedic.core.view;

/** A service's schedulingStrategy: REPLICA keeps desiredCount tasks, DAEMON one task per container instance. */
public enum SchedulingStrategy {
    REPLICA, DAEMON, UNKNOWN;

    /** REPLICA when DescribeServices gives none: the documented default of CreateService. */
    public static SchedulingStrategy of(String value) {
        if (value == null || value.isEmpty()) {
            return REPLICA;
        }
        for (SchedulingStrategy strategy : values()) {
            if (strategy != UNKNOWN && strategy.name().equals(value)) {
                return strategy;
            }
        }
        return UNKNOWN;
    }
}
