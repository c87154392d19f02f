package dev.ecsmedic.core.event;

import java.util.List;

/**
 * What an event asks for: look at one service, look at every watched service, or nothing. Events only say
 * which service to look at and why now; what to do is decided from the service's observed state.
 */
public sealed interface Trigger {

    Origin origin();

    /** Reconcile one service; {@code taskHints} are tasks the event named, described even if no longer listed. */
    record ServiceCheck(Origin origin, String cluster, String service, List<String> taskHints) implements Trigger {
        public ServiceCheck {
            taskHints = List.copyOf(taskHints);
        }
    }

    /** Reconcile every watched service of the configured cluster (the scheduled safety net). */
    record Sweep(Origin origin) implements Trigger {}

    /** A CloudWatch alarm changed state; the alarm names its service by dimensions or tags. */
    record AlarmChange(Origin origin, AlarmStateChange alarm) implements Trigger {}

    /** Nothing to look at, with the reason. */
    record Ignored(Origin origin, String reason) implements Trigger {}
}
