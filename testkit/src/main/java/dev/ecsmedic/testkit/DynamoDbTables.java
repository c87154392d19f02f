package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's DynamoDB tables, as a stack deployment creates them; {@link DynamoDbApi} answers the calls on
 * them. Guarded by the world's lock, as every operation is.
 */
public final class DynamoDbTables {

    private final Object lock;
    private final Map<String, DynamoDbApi.Table> tables = new HashMap<>();

    DynamoDbTables(Object lock) {
        this.lock = lock;
    }

    /**
     * Creates a table whose partition key is the string attribute {@code partitionKey}; its ARN is
     * {@code arn:aws:dynamodb:us-east-1:123456789012:table/NAME}.
     */
    public DynamoDbTables create(String name, String partitionKey) {
        synchronized (lock) {
            if (tables.containsKey(name)) {
                throw new AwsError(400, "ResourceInUseException", "Table already exists: " + name);
            }
            tables.put(name, new DynamoDbApi.Table(name, partitionKey));
            return this;
        }
    }

    public boolean exists(String name) {
        synchronized (lock) {
            return tables.containsKey(name);
        }
    }

    /** The items of a table in DynamoDB JSON ({@code {"id":{"S":"..."}}}), in the order first written. */
    public List<JsonNode> items(String table) {
        synchronized (lock) {
            DynamoDbApi.Table t = tables.get(table);
            if (t == null) {
                throw new IllegalArgumentException("no table " + table);
            }
            return t.items().values().stream().map(i -> (JsonNode) i.deepCopy()).toList();
        }
    }

    /** The table of this name, or null. */
    DynamoDbApi.Table table(String name) {
        return tables.get(name);
    }
}
