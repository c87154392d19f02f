package dev.ecsmedic.core.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an event asks for: look at one service, look at every watched service, or nothing. Events only say
 * which service to look at and why now; what to do is decided from the service's observed state.
 */
public sealed interface Trigger {

    Origin origin();

    /**
     * Reconcile one service; {@code taskHints} are tasks the event named, described even if no longer listed;
     * {@code execEnabledAt} is when CloudTrail recorded a call that enabled ECS Exec on it, if that was the event.
     */
    record ServiceCheck(Origin origin, String cluster, String service, List<String> taskHints,
                        Optional<Instant> execEnabledAt) implements Trigger {
        public ServiceCheck {
            taskHints = List.copyOf(taskHints);
        }

        public ServiceCheck(Origin origin, String cluster, String service, List<String> taskHints) {
            this(origin, cluster, service, taskHints, Optional.empty());
        }
    }

    /** Reconcile every watched service of the configured cluster (the scheduled safety net). */
    record Sweep(Origin origin) implements Trigger {}

    /** A CloudWatch alarm changed state; the alarm names its service by dimensions or tags. */
    record AlarmChange(Origin origin, AlarmStateChange alarm) implements Trigger {}

    /** Nothing to look at, with the reason. */
    record Ignored(Origin origin, String reason) implements Trigger {}
}
