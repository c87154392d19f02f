package dev.ecsmedic.testkit;

import java.util.List;

/** The functions an EventBridge rule set sends an event to, as logical ids in template.yaml. */
@FunctionalInterface
public interface EventRoutes {
    List<String> functionsFor(String eventJson);
}
