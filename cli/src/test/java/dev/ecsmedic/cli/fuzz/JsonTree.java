package dev.ecsmedic.cli.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.UnaryOperator;

/** The JSON tree walks the event mutations make: every slot of a tree, texts replaced, objects found by path. */
final class JsonTree {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonTree() {}

    /** Every field and element of the tree, with the path to it. */
    static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, "", slots);
        return slots;
    }

    static void collect(JsonNode node, String path, List<Slot> slots) {
        if (node instanceof ObjectNode object) {
            Iterator<String> names = object.fieldNames();
            List<String> copy = new ArrayList<>();
            names.forEachRemaining(copy::add);
            for (String name : copy) {
                slots.add(new Slot(object, name, -1, path + "." + name));
                collect(object.get(name), path + "." + name, slots);
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                slots.add(new Slot(array, null, i, path + "[" + i + "]"));
                collect(array.get(i), path + "[" + i + "]", slots);
            }
        }
    }

    record Slot(JsonNode parent, String field, int index, String path) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    static void replaceTexts(JsonNode node, UnaryOperator<String> change) {
        for (Slot slot : slots(node)) {
            JsonNode value = slot.get();
            if (value != null && value.isTextual()) {
                String changed = change.apply(value.asText());
                if (!changed.equals(value.asText())) {
                    slot.set(new TextNode(changed));
                }
            }
        }
    }

    static String setTop(JsonNode event, String field, String value) {
        if (event instanceof ObjectNode object) {
            object.put(field, value);
        }
        return value;
    }

    static ObjectNode objectAt(JsonNode node, String... path) {
        JsonNode at = node;
        for (String p : path) {
            at = at.path(p);
        }
        return at instanceof ObjectNode object ? object : null;
    }

    static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
