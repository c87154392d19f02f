package dev.ecsmedic.core.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An event read into a small tree with jackson-core's streaming parser (no data binding on the cold path), and
 * the strict reads the parser makes of it. Each read means what it meant on a jackson-databind tree: absent and
 * null fields read as the default, numbers and booleans as their text, a repeated key as its last value.
 */
final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Object NULL = new Object();
    static final Json MISSING = new Json(null);

    /**
     * A {@code Map<String, Json>}, {@code List<Json>}, String, Integer, Long, BigInteger, Double, Boolean,
     * {@link #NULL} or, for a missing node, null.
     */
    private final Object value;

    private Json(Object value) {
        this.value = value;
    }

    /** The first JSON value in the bytes, {@link #MISSING} when there is none; jackson-core's limits apply. */
    static Json parse(byte[] bytes) throws IOException {
        try (JsonParser parser = FACTORY.createParser(bytes)) {
            return parser.nextToken() == null ? MISSING : read(parser);
        }
    }

    private static Json read(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        return new Json(switch (token) {
            case START_OBJECT -> {
                Map<String, Json> fields = new LinkedHashMap<>();
                for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                    parser.nextToken();
                    fields.put(name, read(parser));
                }
                yield fields;
            }
            case START_ARRAY -> {
                List<Json> elements = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    elements.add(read(parser));
                }
                yield elements;
            }
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new IOException("unexpected " + token);
        });
    }

    /** The field of this object, or null when it is not an object or has no such field. */
    Json get(String field) {
        return value instanceof Map<?, ?> map ? (Json) map.get(field) : null;
    }

    /** The field of this object, or {@link #MISSING}. */
    Json path(String field) {
        Json child = get(field);
        return child == null ? MISSING : child;
    }

    boolean isObject() {
        return value instanceof Map;
    }

    boolean isArray() {
        return value instanceof List;
    }

    boolean isNull() {
        return value == NULL;
    }

    boolean isMissing() {
        return value == null;
    }

    private boolean isIntegralNumber() {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    /** The value when it is an integer that fits in an int; empty for anything else (a float, a string...). */
    Optional<Integer> intValue() {
        return value instanceof Integer i ? Optional.of(i) : Optional.empty();
    }

    /** The fields of an object, in order; empty for anything else. */
    @SuppressWarnings("unchecked")
    Map<String, Json> fields() {
        return value instanceof Map<?, ?> map ? (Map<String, Json>) map : Map.of();
    }

    /** The elements of an array or the values of an object, in order; empty for anything else. */
    @SuppressWarnings("unchecked")
    Collection<Json> elements() {
        return value instanceof List<?> list ? (List<Json>) list : fields().values();
    }

    /** A value's text; "" for an object, an array or a missing node, "null" for null. */
    String asText() {
        return value == null || isObject() || isArray() ? "" : value == NULL ? "null" : value.toString();
    }

    /** A value's text, or {@code otherwise} when the node is null or missing. */
    String asText(String otherwise) {
        return value == null || value == NULL ? otherwise : asText();
    }

    /** A boolean, an integer other than 0, or the text true or false; {@code otherwise} for anything else. */
    boolean asBoolean(boolean otherwise) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (isIntegralNumber()) {
            return !"0".equals(value.toString());
        }
        if (value instanceof String s) {
            String trimmed = s.trim();
            return "true".equals(trimmed) || (!"false".equals(trimmed) && otherwise);
        }
        return otherwise;
    }

    boolean hasNonNull(String field) {
        Json child = get(field);
        return child != null && !child.isNull();
    }

    /** The field as text ("" when absent or null); a JSON object or array where a value belongs is an error. */
    static String text(Json parent, String field) {
        return value(parent.get(field), field);
    }

    static String value(Json node, String what) {
        if (node == null || node.isNull() || node.isMissing()) {
            return "";
        }
        if (node.isObject() || node.isArray()) {
            throw new IllegalArgumentException(what + " is not a value");
        }
        return node.asText();
    }
}
