package dev.ecsmedic.core.port;

import dev.ecsmedic.core.report.Report;

/**
 * Tells people about every action ecs-medic took or, in dry-run, would have taken. Off unless a destination is
 * configured; a failure to notify never undoes or repeats an action.
 */
@FunctionalInterface
public interface Notifier {

    Notifier NONE = report -> { };

    /** Called once per invocation whose report holds at least one action; may throw {@link AwsFailure}. */
    void publish(Report report);
}
