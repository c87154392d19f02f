package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.Claims.Claim;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Simulator;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The claims adapter against the simulator's DynamoDB, through the real SDK client. */
class DynamoDbClaimsTest {

    private static final String KEY = "StopTask arn:aws:ecs:us-east-1:123456789012:task/observability/old";
    private static final Instant AT = Instant.parse("2025-11-13T09:00:00Z");

    private EcsWorld world;
    private Simulator simulator;
    private Claims claims;

    @BeforeEach
    void start() {
        world = EcsWorld.create();
        world.dynamoDb().create("ecs-medic-claims", "id");
        simulator = Simulator.start(world);
        claims = AwsClients.local(simulator.endpoint()).claimsTable("ecs-medic-claims");
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static Claim claim(String holder, String function, Instant at) {
        return new Claim(KEY, holder, function, at, at.plus(Claims.LEASE));
    }

    @Test
    void theFirstHolderHasItAndTheSecondIsToldWhose() {
        assertEquals(Optional.empty(), claims.take(claim("request-1", "StaleLockRemediatorFunction", AT)));
        Claim held = claims.take(claim("request-2", "AlarmRemediatorFunction", AT.plusSeconds(1))).orElseThrow();

        assertEquals(claim("request-1", "StaleLockRemediatorFunction", AT), held);
        assertEquals(1, world.dynamoDb().items("ecs-medic-claims").size());
        assertEquals(Long.toString(AT.plus(Claims.LEASE).getEpochSecond()),
                world.dynamoDb().items("ecs-medic-claims").get(0).path("expiresAt").path("N").asText(),
                "the table's time to live removes the claim later");
    }

    @Test
    void theSameHolderTakesItAgainAndALapsedClaimIsAnyonesToTake() {
        claims.take(claim("request-1", "ExecRolloutFunction", AT));
        assertEquals(Optional.empty(), claims.take(claim("request-1", "ExecRolloutFunction", AT.plusSeconds(60))));
        Instant lapsed = AT.plusSeconds(60).plus(Claims.LEASE).plusSeconds(1);
        assertEquals(Optional.empty(), claims.take(claim("request-2", "ExecRolloutFunction", lapsed)));
        assertTrue(claims.take(claim("request-1", "ExecRolloutFunction", lapsed)).isPresent());
    }

    @Test
    void aMissingTableIsAFailureNotAClaim() {
        AwsFailure failure = assertThrows(AwsFailure.class, () -> AwsClients.local(simulator.endpoint())
                .claimsTable("no-such-table").take(claim("request-1", "StaleLockRemediatorFunction", AT)));
        assertEquals(AwsFailure.Kind.NOT_FOUND, failure.kind());
    }
}
