package dev.ecsmedic.core.policy;

import java.time.Instant;
import java.util.Optional;

/** One capability of ecs-medic, by name: where its policy starts on a service read without tasks. */
public record Remediation(String name, Start start) {

    public static final Remediation STALE_LOCK = new Remediation("stale-lock", StaleLockPolicy::start);
    public static final Remediation EXEC_ROLLOUT = new Remediation("exec-rollout", ExecRolloutPolicy::start);

    /** The policy's first step; {@code execEnabledAt} is when the event recorded exec being enabled, if it did. */
    @FunctionalInterface
    public interface Start {
        Step on(dev.ecsmedic.core.view.ServiceView service, Settings settings, Instant now,
                Optional<Instant> execEnabledAt);
    }
}
