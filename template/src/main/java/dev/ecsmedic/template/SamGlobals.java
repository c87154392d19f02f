package dev.ecsmedic.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * SAM's Globals merge: maps merge key by key, lists concatenate (global entries first), and anything else,
 * including an intrinsic function on either side, takes the resource's value.
 */
final class SamGlobals {
    private SamGlobals() {
    }

    static JsonNode merge(JsonNode global, JsonNode local) {
        if (local == null) {
            return global.deepCopy();
        }
        if (global == null) {
            return local;
        }
        if (global.isObject() && local.isObject() && !isIntrinsic(global) && !isIntrinsic(local)) {
            ObjectNode merged = ((ObjectNode) global).deepCopy();
            Iterator<Map.Entry<String, JsonNode>> fields = local.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                merged.set(field.getKey(), merge(global.get(field.getKey()), field.getValue()));
            }
            return merged;
        }
        if (global.isArray() && local.isArray()) {
            ArrayNode merged = ((ArrayNode) global).deepCopy();
            merged.addAll((ArrayNode) local);
            return merged;
        }
        return local;
    }

    private static boolean isIntrinsic(JsonNode node) {
        if (node.size() != 1) {
            return false;
        }
        String key = node.fieldNames().next();
        return key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::");
    }
}
