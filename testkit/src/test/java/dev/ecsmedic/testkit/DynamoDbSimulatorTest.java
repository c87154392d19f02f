package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** A claims table as the functions use it, through the real SDK's DynamoDbClient: a conditional PutItem as a lease. */
class DynamoDbSimulatorTest {
    private static final String TABLE = "ecs-medic-claims";
    private static final String LEASE = "attribute_not_exists(#id) OR #expiresAt < :now OR #holder = :holder";
    private static final long NOW = 1_763_071_200L;

    private EcsWorld world;
    private Simulator sim;
    private DynamoDbClient ddb;

    @BeforeEach
    void start() {
        world = EcsWorld.create();
        world.dynamoDb().create(TABLE, "id");
        sim = Simulator.start(world);
        ddb = DynamoDbClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        ddb.close();
        sim.close();
    }

    private static Map<String, AttributeValue> claim(String id, String holder, long expiresAt) {
        return Map.of("id", s(id), "holder", s(holder), "function", s("stale-lock-remediator"),
                "claimedAt", s("2025-11-13T22:00:00Z"), "expiresAt", n(expiresAt));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    private PutItemRequest lease(String table, Map<String, AttributeValue> item, long now) {
        return PutItemRequest.builder().tableName(table).item(item).conditionExpression(LEASE)
                .expressionAttributeNames(Map.of("#id", "id", "#expiresAt", "expiresAt", "#holder", "holder"))
                .expressionAttributeValues(Map.of(":now", n(now), ":holder", item.get("holder")))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build();
    }

    private void claim(Map<String, AttributeValue> item, long now) {
        ddb.putItem(lease(TABLE, item, now));
    }

    private Map<String, AttributeValue> stored(String id) {
        return ddb.getItem(b -> b.tableName(TABLE).key(Map.of("id", s(id))).consistentRead(true)).item();
    }

    @Test
    void theFirstClaimWinsAndTheSecondHolderIsShownIt() {
        Map<String, AttributeValue> first = claim("restart/prometheus", "fn-a", NOW + 300);
        claim(first, NOW);

        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> claim(claim("restart/prometheus", "fn-b", NOW + 300), NOW + 10));
        assertEquals(400, e.statusCode());
        assertEquals("ConditionalCheckFailedException", e.awsErrorDetails().errorCode());
        assertEquals("The conditional request failed", e.awsErrorDetails().errorMessage());
        assertEquals(first, e.item());
        assertEquals(first, stored("restart/prometheus"));
        assertEquals(1, world.dynamoDb().items(TABLE).size());
        assertEquals("fn-a", world.dynamoDb().items(TABLE).get(0).path("holder").path("S").asText());
    }

    @Test
    void withoutAllOldTheFailureCarriesNoItem() {
        claim(claim("restart/prometheus", "fn-a", NOW + 300), NOW);
        ConditionalCheckFailedException e = assertThrows(ConditionalCheckFailedException.class,
                () -> ddb.putItem(lease(TABLE, claim("restart/prometheus", "fn-b", NOW + 300), NOW).toBuilder()
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.NONE).build()));
        assertFalse(e.hasItem());
    }

    @Test
    void theSameHolderReclaimsAndAnExpiredClaimIsTakenOver() {
        claim(claim("restart/prometheus", "fn-a", NOW + 300), NOW);
        claim(claim("restart/prometheus", "fn-a", NOW + 600), NOW + 100);
        assertEquals("1763071800", stored("restart/prometheus").get("expiresAt").n());

        assertThrows(ConditionalCheckFailedException.class,
                () -> claim(claim("restart/prometheus", "fn-b", NOW + 900), NOW + 600),
                "a claim expiring exactly now is still held");
        Map<String, AttributeValue> takeover = claim("restart/prometheus", "fn-b", NOW + 900);
        claim(takeover, NOW + 601);
        assertEquals(takeover, stored("restart/prometheus"));
    }

    @Test
    void concurrentClaimantsGetExactlyOneWinner() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> claimants = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String holder = "fn-" + i;
                claimants.add(() -> {
                    try {
                        claim(claim("scale/api", holder, NOW + 300), NOW);
                        return true;
                    } catch (ConditionalCheckFailedException e) {
                        return false;
                    }
                });
            }
            int winners = 0;
            for (Future<Boolean> won : pool.invokeAll(claimants)) {
                winners += won.get() ? 1 : 0;
            }
            assertEquals(1, winners);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void getAndDeleteByKeyWithACondition() {
        assertFalse(ddb.getItem(b -> b.tableName(TABLE).key(Map.of("id", s("none")))).hasItem());
        Map<String, AttributeValue> item = claim("restart/prometheus", "fn-a", NOW + 300);
        claim(item, NOW);

        assertThrows(ConditionalCheckFailedException.class, () -> ddb.deleteItem(b -> b.tableName(TABLE)
                .key(Map.of("id", s("restart/prometheus"))).conditionExpression("#holder = :holder")
                .expressionAttributeNames(Map.of("#holder", "holder"))
                .expressionAttributeValues(Map.of(":holder", s("fn-b")))));
        var deleted = ddb.deleteItem(b -> b.tableName(TABLE).key(Map.of("id", s("restart/prometheus")))
                .conditionExpression("NOT (#holder <> :holder)").expressionAttributeNames(Map.of("#holder", "holder"))
                .expressionAttributeValues(Map.of(":holder", s("fn-a"))).returnValues(ReturnValue.ALL_OLD));
        assertEquals(item, deleted.attributes());
        assertTrue(world.dynamoDb().items(TABLE).isEmpty());
    }

    @Test
    void theTableMayBeNamedByItsArn() {
        String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/" + TABLE;
        ddb.putItem(lease(arn, claim("restart/prometheus", "fn-a", NOW + 300), NOW));
        assertEquals("fn-a", stored("restart/prometheus").get("holder").s());
        assertThrows(ResourceNotFoundException.class, () -> ddb.putItem(lease(
                "arn:aws:dynamodb:us-east-1:210987654321:table/" + TABLE, claim("x", "fn-a", NOW), NOW)));
    }

    @Test
    void anUnknownTableIsNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class,
                () -> ddb.putItem(lease("no-such-table", claim("x", "fn-a", NOW), NOW)));
        assertEquals(400, e.statusCode());
        assertEquals("Requested resource not found", e.awsErrorDetails().errorMessage());
    }

    private String validationMessage(PutItemRequest request) {
        DynamoDbException e = assertThrows(DynamoDbException.class, () -> ddb.putItem(request));
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        return e.awsErrorDetails().errorMessage();
    }

    @Test
    void badExpressionsAndKeysAreValidationErrors() {
        PutItemRequest good = lease(TABLE, claim("x", "fn-a", NOW), NOW);
        assertEquals("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"OR\"",
                validationMessage(good.toBuilder().conditionExpression("attribute_not_exists(#id) OR").build()));
        assertEquals("Invalid ConditionExpression: Invalid function name; function: attribute_exist",
                validationMessage(good.toBuilder().conditionExpression(
                        "attribute_exist(#id) OR #expiresAt < :now OR #holder = :holder").build()));
        assertEquals("Invalid ConditionExpression: An expression attribute name used in the document path is not "
                + "defined; attribute name: #owner", validationMessage(good.toBuilder().conditionExpression(
                        "attribute_not_exists(#id) OR #expiresAt < :now OR #owner = :holder").build()));
        assertEquals("Invalid ConditionExpression: An expression attribute value used in expression is not "
                + "defined; attribute value: :then", validationMessage(good.toBuilder().conditionExpression(
                        "attribute_not_exists(#id) OR #expiresAt < :then OR #holder = :holder").build()));
        assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#holder}",
                validationMessage(good.toBuilder().conditionExpression("attribute_not_exists(#id) OR "
                        + "#expiresAt < :now OR holder = :holder").build()));
        assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:now}",
                validationMessage(good.toBuilder().conditionExpression("attribute_not_exists(#id) OR "
                        + "#holder = :holder").expressionAttributeNames(Map.of("#id", "id", "#holder", "holder"))
                        .build()));
        assertEquals("One or more parameter values were invalid: Missing the key id in the item",
                validationMessage(good.toBuilder().item(Map.of("holder", s("fn-a"))).build()));
        assertEquals("One or more parameter values were invalid: Type mismatch for key id expected: S actual: N",
                validationMessage(good.toBuilder().item(Map.of("id", n(7), "holder", s("fn-a"))).build()));
        assertTrue(world.dynamoDb().items(TABLE).isEmpty());
        assertEquals(Set.of("ValidationException"), Set.copyOf(world.apiCalls().stream()
                .map(EcsWorld.ApiCall::errorType).toList()));
    }

    @Test
    void everyCallIsInTheJournal() {
        claim(claim("restart/prometheus", "fn-a", NOW + 300), NOW);
        assertThrows(ConditionalCheckFailedException.class,
                () -> claim(claim("restart/prometheus", "fn-b", NOW + 300), NOW));
        stored("restart/prometheus");
        List<EcsWorld.ApiCall> calls = world.apiCalls();
        assertEquals(List.of("PutItem", "PutItem", "GetItem"),
                calls.stream().map(EcsWorld.ApiCall::operation).toList());
        assertTrue(calls.stream().allMatch(c -> c.service().equals("dynamodb")));
        assertEquals("ConditionalCheckFailedException", calls.get(1).errorType());
        assertTrue(calls.get(1).request().contains("\"fn-b\""));
    }

    @Test
    void aFaultAfterTheWriteLosesTheAnswerButNotTheClaim() {
        world.inject(new FaultInjector(FaultInjector.Config.of(1.0, 3)
                .only(Set.of("PutItem"), Set.of(FaultInjector.Kind.INTERNAL_ERROR)).answersLost()));
        Map<String, AttributeValue> item = claim("restart/prometheus", "fn-a", NOW + 300);
        InternalServerErrorException e = assertThrows(InternalServerErrorException.class, () -> claim(item, NOW));
        assertEquals(500, e.statusCode());
        assertEquals(List.of(new FaultInjector.Injected("PutItem", FaultInjector.Kind.INTERNAL_ERROR, true)),
                world.faults().injected());
        assertEquals(item, stored("restart/prometheus"));

        world.inject(new FaultInjector(FaultInjector.Config.of(1.0, 3)
                .only(Set.of("PutItem"), Set.of(FaultInjector.Kind.THROTTLING))));
        assertThrows(DynamoDbException.class, () -> claim(claim("other", "fn-a", NOW + 300), NOW));
        assertEquals(1, world.dynamoDb().items(TABLE).size(), "a throttled write never took effect");
    }
}
