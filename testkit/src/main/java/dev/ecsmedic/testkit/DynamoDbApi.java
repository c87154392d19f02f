package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Amazon DynamoDB's single-item operations (API 2012-08-10, AWS JSON 1.0) on the account's tables: PutItem,
 * GetItem and DeleteItem, with condition expressions, as a table of claims uses them. Every table has a partition
 * key of type S and no sort key; reads are always consistent, since the world answers one call at a time.
 */
final class DynamoDbApi {
    static final String TABLE_ARN_PREFIX = "arn:aws:dynamodb:" + Model.REGION + ":" + Model.ACCOUNT + ":table/";

    /** One table: the name of its partition key attribute and its items by key value, in the order first written. */
    record Table(String name, String partitionKey, Map<String, ObjectNode> items) {
        Table(String name, String partitionKey) {
            this(name, partitionKey, new LinkedHashMap<>());
        }
    }

    private DynamoDbApi() {
    }

    static JsonNode handle(EcsWorld w, String op, ObjectNode req) {
        return switch (op) {
            case "PutItem" -> put(w, req);
            case "GetItem" -> get(w, req);
            case "DeleteItem" -> delete(w, req);
            default -> throw new AwsError(400, "UnknownOperationException", null);
        };
    }

    private static JsonNode put(EcsWorld w, ObjectNode req) {
        refuse(req, "Expected", "ConditionalOperator");
        ConditionExpression condition = condition(req);
        boolean returnOld = returnOld(req);
        Table table = table(w, req);
        ObjectNode item = member(req, "Item", "item");
        String key = itemKey(table, item);
        ObjectNode old = table.items().get(key);
        check(req, condition, old);
        table.items().put(key, item.deepCopy());
        return attributes(returnOld, old);
    }

    private static JsonNode get(EcsWorld w, ObjectNode req) {
        refuse(req, "ProjectionExpression", "AttributesToGet");
        condition(req);
        Table table = table(w, req);
        ObjectNode item = table.items().get(key(table, member(req, "Key", "key")));
        ObjectNode out = Json.obj();
        if (item != null) {
            out.set("Item", item.deepCopy());
        }
        return out;
    }

    private static JsonNode delete(EcsWorld w, ObjectNode req) {
        refuse(req, "Expected", "ConditionalOperator");
        ConditionExpression condition = condition(req);
        boolean returnOld = returnOld(req);
        Table table = table(w, req);
        String key = key(table, member(req, "Key", "key"));
        ObjectNode old = table.items().get(key);
        check(req, condition, old);
        table.items().remove(key);
        return attributes(returnOld, old);
    }

    /** A number as DynamoDB reads an N value. */
    static BigDecimal number(String text) {
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw validation("The parameter cannot be converted to a numeric value: " + text);
        }
    }

    private static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    private static void refuse(ObjectNode req, String... fields) {
        for (String field : fields) {
            if (req.has(field)) {
                throw validation("The simulated DynamoDB does not support " + field);
            }
        }
    }

    /** The table a request names by name or by ARN; ResourceNotFoundException when the account has none such. */
    private static Table table(EcsWorld w, ObjectNode req) {
        String ref = req.path("TableName").asText("");
        if (ref.isEmpty()) {
            throw missing("tableName");
        }
        String name = !ref.startsWith("arn:") ? ref
                : ref.startsWith(TABLE_ARN_PREFIX) ? ref.substring(TABLE_ARN_PREFIX.length()) : null;
        Table table = name == null ? null : w.dynamoDb().table(name);
        if (table == null) {
            throw new AwsError(400, "ResourceNotFoundException", "Requested resource not found");
        }
        return table;
    }

    private static ObjectNode member(ObjectNode req, String field, String wireName) {
        JsonNode node = req.get(field);
        if (node == null || !node.isObject()) {
            throw missing(wireName);
        }
        numbers(node);
        return (ObjectNode) node;
    }

    /** Refuses an N value among {@code attributes} that is no number. */
    private static void numbers(JsonNode attributes) {
        for (JsonNode value : attributes) {
            if (value.has("N")) {
                number(value.get("N").asText());
            }
        }
    }

    private static AwsError missing(String wireName) {
        return validation("1 validation error detected: Value null at '" + wireName
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** The key value of an item to be written, with AWS's messages for a key attribute missing or mistyped. */
    private static String itemKey(Table table, ObjectNode item) {
        String k = table.partitionKey();
        JsonNode value = item.get(k);
        if (value == null) {
            throw validation("One or more parameter values were invalid: Missing the key " + k + " in the item");
        }
        if (!value.has("S")) {
            String actual = value.fieldNames().hasNext() ? value.fieldNames().next() : "";
            throw validation("One or more parameter values were invalid: Type mismatch for key " + k
                    + " expected: S actual: " + actual);
        }
        return nonEmpty(k, value.get("S").asText());
    }

    /** The key value a Key names: exactly the partition key attribute, of type S. */
    private static String key(Table table, ObjectNode key) {
        JsonNode value = key.get(table.partitionKey());
        if (key.size() != 1 || value == null || !value.has("S")) {
            throw validation("The provided key element does not match the schema");
        }
        return nonEmpty(table.partitionKey(), value.get("S").asText());
    }

    private static String nonEmpty(String keyName, String value) {
        if (value.isEmpty()) {
            throw validation("One or more parameter values are not valid. The AttributeValue for a key attribute "
                    + "cannot contain an empty string value. Key: " + keyName);
        }
        return value;
    }

    /**
     * The request's ConditionExpression with its substitutions, or null when it has none; names and values that it
     * does not use are refused as AWS refuses them.
     */
    private static ConditionExpression condition(ObjectNode req) {
        Map<String, String> names = new LinkedHashMap<>();
        req.path("ExpressionAttributeNames").fields()
                .forEachRemaining(e -> names.put(e.getKey(), e.getValue().asText()));
        Map<String, JsonNode> values = new LinkedHashMap<>();
        req.path("ExpressionAttributeValues").fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue()));
        numbers(req.path("ExpressionAttributeValues"));
        String text = req.has("ConditionExpression") ? req.get("ConditionExpression").asText() : null;
        if (text == null) {
            if (!names.isEmpty()) {
                throw validation("ExpressionAttributeNames can only be specified when using expressions");
            }
            if (!values.isEmpty()) {
                throw validation("ExpressionAttributeValues can only be specified when using expressions: "
                        + "ConditionExpression is null");
            }
            return null;
        }
        if (text.isBlank()) {
            throw ConditionExpression.invalid("The expression can not be empty;");
        }
        ConditionExpression condition = ConditionExpression.parse(text, names, values);
        unused("ExpressionAttributeNames", names.keySet(), condition.namesUsed());
        unused("ExpressionAttributeValues", values.keySet(), condition.valuesUsed());
        return condition;
    }

    private static void unused(String parameter, Set<String> given, Set<String> used) {
        Set<String> unused = new TreeSet<>(given);
        unused.removeAll(used);
        if (!unused.isEmpty()) {
            throw validation("Value provided in " + parameter + " unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }

    /** Throws ConditionalCheckFailedException if the condition fails, with the item when ALL_OLD was asked for. */
    private static void check(ObjectNode req, ConditionExpression condition, ObjectNode old) {
        if (condition == null || condition.test(old)) {
            return;
        }
        ObjectNode members = null;
        if (req.path("ReturnValuesOnConditionCheckFailure").asText("NONE").equals("ALL_OLD") && old != null) {
            members = Json.obj();
            members.set("Item", old.deepCopy());
        }
        throw new AwsError(400, "ConditionalCheckFailedException", "The conditional request failed", members);
    }

    private static boolean returnOld(ObjectNode req) {
        String returnValues = req.path("ReturnValues").asText("NONE");
        if (!List.of("NONE", "ALL_OLD").contains(returnValues)) {
            throw validation("ReturnValues can only be ALL_OLD or NONE");
        }
        choice(req, "ReturnValuesOnConditionCheckFailure", "returnValuesOnConditionCheckFailure",
                List.of("ALL_OLD", "NONE"));
        return returnValues.equals("ALL_OLD");
    }

    /** Refuses an enum member's value that is not one of {@code allowed}, with AWS's constraint message. */
    private static void choice(ObjectNode req, String field, String wireName, List<String> allowed) {
        String value = req.path(field).asText("NONE");
        if (!allowed.contains(value)) {
            throw validation("1 validation error detected: Value '" + value + "' at '" + wireName
                    + "' failed to satisfy constraint: Member must satisfy enum value set: " + allowed);
        }
    }

    private static ObjectNode attributes(boolean returnOld, ObjectNode old) {
        ObjectNode out = Json.obj();
        if (returnOld && old != null) {
            out.set("Attributes", old);
        }
        return out;
    }
}
