package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.ServiceView;
import java.util.Optional;

/** The first question of every remediation: does ECS run this service at all right now. */
final class Rollouts {

    private Rollouts() {}

    /** Why the service is not one to act on (not ACTIVE, or no PRIMARY deployment); empty when it is. */
    static Optional<String> notServing(ServiceView view) {
        if (!"ACTIVE".equals(view.status())) {
            return Optional.of("service " + view.service() + " is " + view.status() + ", not ACTIVE");
        }
        if (view.primary().isEmpty()) {
            return Optional.of("service " + view.service() + " has no PRIMARY deployment");
        }
        return Optional.empty();
    }
}
