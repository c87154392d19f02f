package dev.ecsmedic.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * CloudWatch Logs as the functions see it: groups of streams of timestamped lines. A line becomes searchable
 * some seconds after it was written (seeded): the awslogs driver sends lines in batches, and CloudWatch Logs
 * makes an event searchable only after ingesting it.
 */
final class LogStore {
    /** The longest a line takes from the container to a search: a batch of the driver, then ingestion. */
    static final Duration MAX_INGESTION_DELAY = Duration.ofSeconds(7);

    record Event(String stream, long timestamp, String message, long ingestionTime, long sequence) {
    }

    private final Map<String, Map<String, List<Event>>> groups = new LinkedHashMap<>();
    private long sequence;
    private final Random random;

    LogStore(long seed) {
        this.random = new Random(seed);
    }

    void createGroup(String group) {
        groups.computeIfAbsent(group, g -> new LinkedHashMap<>());
    }

    boolean hasGroup(String group) {
        return groups.containsKey(group);
    }

    Map<String, List<Event>> streams(String group) {
        return groups.get(group);
    }

    void put(String group, String stream, long timestampMillis, String message) {
        List<Event> events = groups.computeIfAbsent(group, g -> new LinkedHashMap<>())
                .computeIfAbsent(stream, s -> new ArrayList<>());
        long delay = 1000 + (long) (random.nextDouble() * (MAX_INGESTION_DELAY.toMillis() - 1000));
        events.add(new Event(stream, timestampMillis, message, timestampMillis + delay, sequence++));
    }
}
