package dev.ecsmedic.testkit;

import java.util.List;

/**
 * A finished scenario run: its summary, its timeline, every API call made during it, the events Lambda gave up
 * on after its retries (the failed-events queue), and how every delivered event ended.
 */
public record RunResult(RunSummary summary, List<TimelineEntry> timeline, List<EcsWorld.ApiCall> apiCalls,
                        List<String> functionIds, List<FailedEvent> failedEvents, Endings endings) {

    /**
     * How the events handed to functions ended: {@code delivered} (event and function pairs), ended with a
     * {@code reported} result, in the failed-events queue ({@code queued}), or still waiting for a retry.
     */
    public record Endings(int delivered, int reported, int queued, int unfinished) {
        /** Every delivered event ended in a report or in the queue. */
        public boolean complete() {
            return unfinished == 0 && delivered == reported + queued;
        }
    }

    /** An event that ended in the failed-events queue: the function, the event, the last error, the attempts. */
    public record FailedEvent(String function, String detailType, String event, String error, int attempts) {}

    public RunResult {
        timeline = List.copyOf(timeline);
        apiCalls = List.copyOf(apiCalls);
        functionIds = List.copyOf(functionIds);
        failedEvents = List.copyOf(failedEvents);
    }

    public RunResult(RunSummary summary, List<TimelineEntry> timeline, List<EcsWorld.ApiCall> apiCalls,
                     List<String> functionIds) {
        this(summary, timeline, apiCalls, functionIds, List.of(), new Endings(0, 0, 0, 0));
    }

    public List<EcsWorld.ApiCall> callsBy(String functionId) {
        return apiCalls.stream().filter(c -> c.caller().equals(functionId)).toList();
    }

    public List<EcsWorld.ApiCall> callsByFunctions() {
        return apiCalls.stream().filter(c -> functionIds.contains(c.caller())).toList();
    }

    public List<TimelineEntry> invocations() {
        return timeline.stream().filter(e -> e.kind() == TimelineEntry.Kind.INVOCATION).toList();
    }
}
