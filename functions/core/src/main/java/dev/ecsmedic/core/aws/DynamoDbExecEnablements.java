package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.ExecEnablements;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Exec enablement times as items of the claims table ({@code id} = {@code ExecEnabled service/CLUSTER/SERVICE}):
 * written only when newer than the one kept (records may arrive out of order), read strongly consistent, removed
 * by the table's time to live once no rollout could still need them.
 */
public final class DynamoDbExecEnablements implements ExecEnablements {

    private final Supplier<DynamoDbClient> dynamodb;
    private final String table;

    public DynamoDbExecEnablements(Supplier<DynamoDbClient> dynamodb, String table) {
        this.dynamodb = dynamodb;
        this.table = table;
    }

    @Override
    public void remember(String cluster, String service, Instant enabledAt, Instant keepUntil) {
        Map<String, AttributeValue> item = Map.of("id", s(key(cluster, service)),
                "enabledAt", n(enabledAt.toEpochMilli()), "expiresAt", n(keepUntil.getEpochSecond()));
        AwsErrors.run(() -> {
            try {
                dynamodb.get().putItem(b -> b.tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(#id) OR #enabledAt < :enabledAt")
                        .expressionAttributeNames(Map.of("#id", "id", "#enabledAt", "enabledAt"))
                        .expressionAttributeValues(Map.of(":enabledAt", n(enabledAt.toEpochMilli()))));
            } catch (ConditionalCheckFailedException later) {
                // a later enablement is kept already
            }
        });
    }

    @Override
    public Optional<Instant> enabledAt(String cluster, String service) {
        return AwsErrors.call(() -> {
            AttributeValue at = dynamodb.get().getItem(b -> b.tableName(table).consistentRead(true)
                    .key(Map.of("id", s(key(cluster, service))))).item().get("enabledAt");
            try {
                return at == null || at.n() == null ? Optional.<Instant>empty()
                        : Optional.of(Instant.ofEpochMilli(Long.parseLong(at.n())));
            } catch (NumberFormatException e) {
                return Optional.<Instant>empty();
            }
        });
    }

    private static String key(String cluster, String service) {
        return "ExecEnabled service/" + cluster + "/" + service;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    private static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }
}
