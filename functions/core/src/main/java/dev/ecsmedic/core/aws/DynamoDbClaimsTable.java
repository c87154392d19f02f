package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.ExecEnablements;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * The stack's claims table (partition key {@code id}), the one store the functions share. It holds:
 * <ul>
 *   <li>claims: a PutItem that succeeds only when no claim exists, the existing one has expired, or it is the
 *       same holder's; a failed condition answers with the claim that holds
 *       ({@code ReturnValuesOnConditionCheckFailure=ALL_OLD}), so the report can say whose it is;</li>
 *   <li>exec enablement times ({@code id} = {@code ExecEnabled service/CLUSTER/SERVICE}): written only when newer
 *       than the one kept (records may arrive out of order), read strongly consistent.</li>
 * </ul>
 * The table's time to live removes expired items some time later; the conditions, not the deletion, end a lease.
 */
public final class DynamoDbClaimsTable implements Claims, ExecEnablements {

    static final String CONDITION = "attribute_not_exists(#id) OR #expiresAt < :now OR #holder = :holder";

    private final Supplier<DynamoDbClient> dynamodb;
    private final String table;

    public DynamoDbClaimsTable(Supplier<DynamoDbClient> dynamodb, String table) {
        this.dynamodb = dynamodb;
        this.table = table;
    }

    @Override
    public Optional<Claim> take(Claim claim) {
        Map<String, AttributeValue> item = Map.of(
                "id", s(claim.key()),
                "holder", s(claim.holder()),
                "function", s(claim.function()),
                "claimedAt", s(claim.at().toString()),
                "expiresAt", n(claim.until().getEpochSecond()));
        return AwsErrors.call(() -> {
            try {
                dynamodb.get().putItem(b -> b.tableName(table).item(item).conditionExpression(CONDITION)
                        .expressionAttributeNames(Map.of("#id", "id", "#expiresAt", "expiresAt", "#holder", "holder"))
                        .expressionAttributeValues(Map.of(":now", n(claim.at().getEpochSecond()),
                                ":holder", s(claim.holder())))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
                return Optional.empty();
            } catch (ConditionalCheckFailedException held) {
                return Optional.of(held(claim.key(), held.hasItem() ? held.item() : Map.of()));
            }
        });
    }

    private static Claim held(String key, Map<String, AttributeValue> item) {
        AttributeValue expires = item.get("expiresAt");
        return new Claim(key, text(item, "holder"), text(item, "function"), instant(text(item, "claimedAt")),
                expires == null || expires.n() == null ? Instant.EPOCH : epoch(expires.n()));
    }

    private static Instant epoch(String seconds) {
        try {
            return Instant.ofEpochSecond(Long.parseLong(seconds));
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
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
