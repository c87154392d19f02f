package dev.ecsmedic.core.port;

import dev.ecsmedic.core.policy.Action;

/** Carries out one planned action, with the plan's reason on the AWS call; throws {@link AwsFailure} if refused. */
@FunctionalInterface
public interface Actions {

    void execute(Action action);
}
