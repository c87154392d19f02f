package dev.ecsmedic.testkit;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What SNS remembers of the account's FIFO topics, each with the default deduplication scope (the whole topic):
 * every deduplication id for the 5-minute deduplication interval after the message it arrived with was accepted,
 * and the sequence numbers it gave, which grow with each message of a message group and are not consecutive.
 */
final class FifoTopics {

    static final Duration DEDUPLICATION_INTERVAL = Duration.ofMinutes(5);
    private static final BigInteger FIRST_SEQUENCE = new BigInteger("10000000000000000000");
    private static final BigInteger SEQUENCE_STEP = BigInteger.valueOf(1000);

    /** A message a FIFO topic accepted; a {@code duplicate} is not delivered and answers as its original did. */
    record Accepted(String messageId, String sequenceNumber, boolean duplicate) {}

    private record Delivered(Instant at, String messageId, String sequenceNumber) {}

    private final Map<String, Delivered> byDeduplicationId = new HashMap<>();
    private final Map<String, BigInteger> lastSequence = new HashMap<>();

    /** Sequence numbers are counted over the whole topic, so within each message group they grow too. */
    synchronized Accepted accept(String topic, String deduplicationId, Instant now, Supplier<String> messageIds) {
        String key = topic + "\n" + deduplicationId;
        Delivered earlier = byDeduplicationId.get(key);
        if (earlier != null && now.isBefore(earlier.at().plus(DEDUPLICATION_INTERVAL))) {
            return new Accepted(earlier.messageId(), earlier.sequenceNumber(), true);
        }
        BigInteger sequence = lastSequence.getOrDefault(topic, FIRST_SEQUENCE).add(SEQUENCE_STEP);
        lastSequence.put(topic, sequence);
        Delivered delivered = new Delivered(now, messageIds.get(), sequence.toString());
        byDeduplicationId.put(key, delivered);
        return new Accepted(delivered.messageId(), delivered.sequenceNumber(), false);
    }
}
