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
     * {@code execEnabledAt} is when CloudTrail recorded a call that enabled ECS Exec on it, if that was the event;
     * {@code places} are the accounts, regions and partitions the event names, each to match the function's own.
     */
    record ServiceCheck(Origin origin, String cluster, String service, List<String> taskHints,
                        Optional<Instant> execEnabledAt, List<Place> places) implements Trigger {
        public ServiceCheck {
            taskHints = List.copyOf(taskHints);
            places = List.copyOf(places);
        }

        public ServiceCheck(Origin origin, String cluster, String service, List<String> taskHints,
                            Optional<Instant> execEnabledAt) {
            this(origin, cluster, service, taskHints, execEnabledAt, List.of());
        }

        public ServiceCheck(Origin origin, String cluster, String service, List<String> taskHints) {
            this(origin, cluster, service, taskHints, Optional.empty());
        }
    }

    /** Reconcile every watched service of the configured cluster (the scheduled safety net). */
    record Sweep(Origin origin) implements Trigger {}

    /** A CloudWatch alarm changed state; the alarm names its service by dimensions or tags. */
    record AlarmChange(Origin origin, AlarmStateChange alarm, List<Place> places) implements Trigger {
        public AlarmChange {
            places = List.copyOf(places);
        }

        public AlarmChange(Origin origin, AlarmStateChange alarm) {
            this(origin, alarm, List.of());
        }
    }

    /** Nothing to look at, with the reason (which may quote the event, so it is bounded). */
    record Ignored(Origin origin, String reason) implements Trigger {
        public Ignored {
            reason = Names.abbreviated(reason, 2000);
        }
    }
}
