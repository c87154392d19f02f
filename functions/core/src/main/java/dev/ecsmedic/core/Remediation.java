package dev.ecsmedic.core;

import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.Settings;
import java.time.Instant;

/** One capability (stale lock, exec rollout, ...): reads what it needs through the observation, then decides. */
public interface Remediation {

    String name();

    Plan plan(Observation observation, Settings settings, Instant now);
}
