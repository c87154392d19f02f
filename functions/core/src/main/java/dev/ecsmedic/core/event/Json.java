package dev.ecsmedic.core.event;

import com.fasterxml.jackson.databind.JsonNode;

/** Strict, allocation-light reads of event fields from a Jackson tree. */
final class Json {

    private Json() {}

    /** The field as text ("" when absent or null); a JSON object or array where a value belongs is an error. */
    static String text(JsonNode parent, String field) {
        return value(parent.get(field), field);
    }

    static String value(JsonNode node, String what) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        if (node.isContainerNode()) {
            throw new IllegalArgumentException(what + " is not a value");
        }
        return node.asText();
    }
}
