package dev.ecsmedic.core.view;

/** A service's schedulingStrategy: REPLICA keeps desiredCount tasks, DAEMON one task per container instance. */
public enum SchedulingStrategy {
    REPLICA, DAEMON, UNKNOWN;

    /** REPLICA when DescribeServices gives none: the documented default of CreateService. */
    public static SchedulingStrategy of(String value) {
        return Names.of(SchedulingStrategy.class, value, REPLICA, UNKNOWN);
    }
}
