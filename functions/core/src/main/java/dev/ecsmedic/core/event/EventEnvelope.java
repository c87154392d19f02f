package dev.ecsmedic.core.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The EventBridge envelope every trigger arrives in; {@code detail} is typed later, per source and detail-type.
 * Read field by field from the tree (no reflective binding: it is the cold path of every invocation).
 */
public record EventEnvelope(
        String version,
        String id,
        String detailType,
        String source,
        String account,
        String time,
        String region,
        List<String> resources,
        Json detail) {

    public EventEnvelope {
        resources = List.copyOf(resources);
    }

    /** Reads an envelope; a field of the wrong JSON type is an {@link IllegalArgumentException} naming it. */
    static EventEnvelope from(Json root) {
        Json resources = root.path("resources");
        List<String> arns = new ArrayList<>();
        if (!resources.isMissing() && !resources.isNull()) {
            if (!resources.isArray()) {
                throw new IllegalArgumentException("resources is not a list");
            }
            resources.elements().forEach(r -> arns.add(Json.value(r, "resources[]")));
        }
        Json detail = root.get("detail");
        return new EventEnvelope(Json.text(root, "version"), Json.text(root, "id"), Json.text(root, "detail-type"),
                Json.text(root, "source"), Json.text(root, "account"), Json.text(root, "time"),
                Json.text(root, "region"), arns, detail == null || detail.isNull() ? null : detail);
    }
}
