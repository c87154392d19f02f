package dev.ecsmedic.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Wire-format helpers: AWS writes ISO-8601 in events, epoch seconds in the ECS API and epoch millis in Logs. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Json() {
    }

    static ObjectNode obj() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode arr() {
        return MAPPER.createArrayNode();
    }

    static String isoMillis(Instant t) {
        return ISO_MILLIS.format(t);
    }

    static String isoSeconds(Instant t) {
        return ISO_SECONDS.format(t);
    }

    static BigDecimal epochSeconds(Instant t) {
        return BigDecimal.valueOf(t.toEpochMilli(), 3);
    }

    static void putSeconds(ObjectNode node, String field, Instant t) {
        if (t != null) {
            node.put(field, epochSeconds(t));
        }
    }

    static void putIso(ObjectNode node, String field, Instant t) {
        if (t != null) {
            node.put(field, isoMillis(t));
        }
    }

    static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
