package dev.ecsmedic.core.port;

import dev.ecsmedic.core.policy.Action;
import java.util.Optional;

/**
 * Carries out one planned action, with the plan's reason on the AWS call; throws {@link AwsFailure} if refused.
 * Returns empty when this call carried it out, or why it had already been done (another reconcile of the same
 * service, or an earlier attempt of this one whose answer was lost, got there first).
 */
@FunctionalInterface
public interface Actions {

    Optional<String> execute(Action action);
}
