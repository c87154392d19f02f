package dev.ecsmedic.core.port;

import dev.ecsmedic.core.policy.ExecFacts;
import dev.ecsmedic.core.view.ServiceView;

/**
 * Gathers what ECS Exec depends on for a service's running tasks. A fact the function may not read, or that is
 * gone, becomes a note in the facts; only a read AWS could not answer now is thrown ({@link AwsFailure}).
 */
public interface ExecFactsReads {

    ExecFacts read(ServiceView view);
}
