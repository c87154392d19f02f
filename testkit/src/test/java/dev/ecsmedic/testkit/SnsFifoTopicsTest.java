package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/**
 * A real SNS client publishes to the simulator's FIFO and standard topics: a FIFO topic (content-based
 * deduplication off) wants a message group id and a deduplication id, answers with a sequence number that grows,
 * and accepts a message whose deduplication id it saw within 5 minutes without delivering it again; a standard
 * topic takes a message group id and refuses a deduplication id.
 */
class SnsFifoTopicsTest {
    private static final String FIFO = "arn:aws:sns:us-east-1:123456789012:ecs-medic-actions.fifo";
    private static final String OTHER_FIFO = "arn:aws:sns:us-east-1:123456789012:other.fifo";
    private static final String STANDARD = "arn:aws:sns:us-east-1:123456789012:ecs-medic-actions";

    private EcsWorld world;
    private Simulator sim;
    private SnsClient sns;

    @BeforeEach
    void start() {
        world = EcsWorld.create();
        sim = Simulator.start(world);
        sns = SnsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        sns.close();
        sim.close();
    }

    private PublishResponse publish(String topic, String message, Consumer<PublishRequest.Builder> ids) {
        PublishRequest.Builder b = PublishRequest.builder().topicArn(topic).message(message);
        ids.accept(b);
        return sns.publish(b.build());
    }

    private void assertInvalid(String message, Runnable publish) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, publish::run);
        assertEquals("InvalidParameter", e.awsErrorDetails().errorCode());
        assertEquals(400, e.statusCode());
        assertEquals(message, e.awsErrorDetails().errorMessage());
    }

    private List<String> delivered() {
        return world.notifications().stream().map(EcsWorld.Notification::message).toList();
    }

    @Test
    void aFifoTopicWantsAGroupAndADeduplicationId() {
        assertInvalid("Invalid parameter: The MessageGroupId parameter is required for FIFO topics",
                () -> publish(FIFO, "stopped", b -> b.messageDeduplicationId("d1")));
        assertInvalid("Invalid parameter: The topic should either have ContentBasedDeduplication enabled or "
                + "MessageDeduplicationId provided explicitly", () -> publish(FIFO, "stopped",
                b -> b.messageGroupId("prometheus")));
        assertInvalid("Invalid parameter: MessageGroupId", () -> publish(FIFO, "stopped",
                b -> b.messageGroupId("g".repeat(129)).messageDeduplicationId("d1")));
        assertInvalid("Invalid parameter: MessageDeduplicationId", () -> publish(FIFO, "stopped",
                b -> b.messageGroupId("prometheus").messageDeduplicationId("no spaces")));
        assertEquals(List.of(), delivered());

        PublishResponse first = publish(FIFO, "stopped", b -> b.messageGroupId("g".repeat(128))
                .messageDeduplicationId("d".repeat(128)));
        assertTrue(first.messageId() != null && !first.messageId().isEmpty(), first.toString());
        assertTrue(first.sequenceNumber().matches("[0-9]{20,}"), first.sequenceNumber());
        assertEquals(List.of("stopped"), delivered());
        assertEquals(first.messageId(), world.notifications().get(0).messageId());
    }

    @Test
    void aDuplicateWithinFiveMinutesIsAcceptedButNotDelivered() {
        PublishResponse first = publish(FIFO, "stopped task 1", b -> b.messageGroupId("prometheus")
                .messageDeduplicationId("stop-task-1"));
        world.clock().advance(FifoTopics.DEDUPLICATION_INTERVAL.minusSeconds(1));
        PublishResponse again = publish(FIFO, "stopped task 1, told by another container",
                b -> b.messageGroupId("other-group").messageDeduplicationId("stop-task-1"));

        assertEquals(first.messageId(), again.messageId());
        assertEquals(first.sequenceNumber(), again.sequenceNumber());
        assertEquals(List.of("stopped task 1"), delivered());

        PublishResponse elsewhere = publish(OTHER_FIFO, "stopped task 1", b -> b.messageGroupId("prometheus")
                .messageDeduplicationId("stop-task-1"));
        assertNotEquals(first.messageId(), elsewhere.messageId());
        assertEquals(2, delivered().size(), "deduplication is per topic");

        world.clock().advance(Duration.ofSeconds(1));
        PublishResponse later = publish(FIFO, "stopped task 1 again", b -> b.messageGroupId("prometheus")
                .messageDeduplicationId("stop-task-1"));
        assertNotEquals(first.messageId(), later.messageId());
        assertTrue(new BigInteger(later.sequenceNumber()).compareTo(new BigInteger(first.sequenceNumber())) > 0,
                first.sequenceNumber() + " then " + later.sequenceNumber());
        assertEquals(List.of("stopped task 1", "stopped task 1", "stopped task 1 again"), delivered());
    }

    @Test
    void sequenceNumbersGrowWithinAGroupAndAreNotConsecutive() {
        BigInteger previous = BigInteger.ZERO;
        for (int i = 0; i < 3; i++) {
            String id = "stop-" + i;
            BigInteger sequence = new BigInteger(publish(FIFO, "stopped " + i, b -> b.messageGroupId("prometheus")
                    .messageDeduplicationId(id)).sequenceNumber());
            assertTrue(sequence.compareTo(previous.add(BigInteger.ONE)) > 0, previous + " then " + sequence);
            previous = sequence;
        }
        assertEquals(3, delivered().size());
    }

    @Test
    void aStandardTopicTakesAGroupIdButNoDeduplicationId() {
        PublishResponse grouped = publish(STANDARD, "stopped", b -> b.messageGroupId("prometheus"));
        assertNull(grouped.sequenceNumber());
        PublishResponse same = publish(STANDARD, "stopped", b -> b.messageGroupId("prometheus"));
        assertNotEquals(grouped.messageId(), same.messageId());
        assertInvalid("Invalid parameter: MessageGroupId", () -> publish(STANDARD, "stopped",
                b -> b.messageGroupId("g".repeat(129))));
        assertInvalid("Invalid parameter: MessageDeduplicationId Reason: The request includes "
                + "MessageDeduplicationId parameter that is not valid for this topic type",
                () -> publish(STANDARD, "stopped", b -> b.messageDeduplicationId("d1")));
        assertEquals(List.of("stopped", "stopped"), delivered());
    }
}
