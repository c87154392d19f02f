package dev.ecsmedic.core.port;

import java.time.Instant;
import java.util.Optional;

/**
 * When ECS Exec was enabled on a service, kept from CloudTrail's record of the call. The record often arrives
 * while a deployment is in progress, when nothing is done; the rollout's tasks that started before the call lack
 * exec, and only the record's time, kept until the rollout is over, proves that a forced deployment gives them
 * exec (rather than repeating a deployment that did not).
 */
public interface ExecEnablements {

    /** Keeps the time of the latest call that enabled exec on the service (a later one is never replaced). */
    void remember(String cluster, String service, Instant enabledAt, Instant keepUntil);

    /** The kept time, if any; throws {@link AwsFailure} when it cannot be read. */
    Optional<Instant> enabledAt(String cluster, String service);

    /** Without a table: nothing is kept, and the cool-down decides as it would without the record. */
    ExecEnablements NONE = new ExecEnablements() {
        @Override
        public void remember(String cluster, String service, Instant enabledAt, Instant keepUntil) {
        }

        @Override
        public Optional<Instant> enabledAt(String cluster, String service) {
            return Optional.empty();
        }
    };
}
