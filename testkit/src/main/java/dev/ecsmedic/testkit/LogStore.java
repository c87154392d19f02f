package dev.ecsmedic.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CloudWatch Logs as the functions see it: groups of streams of timestamped lines. */
final class LogStore {
    record Event(String stream, long timestamp, String message, long ingestionTime, long sequence) {
    }

    private final Map<String, Map<String, List<Event>>> groups = new LinkedHashMap<>();
    private long sequence;

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
        events.add(new Event(stream, timestampMillis, message, timestampMillis + 250, sequence++));
    }
}
