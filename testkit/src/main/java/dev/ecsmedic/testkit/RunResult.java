package dev.ecsmedic.testkit;

import java.util.List;

/** A finished scenario run: its summary, its timeline and every API call made during it. */
public record RunResult(RunSummary summary, List<TimelineEntry> timeline, List<EcsWorld.ApiCall> apiCalls,
                        List<String> functionIds) {

    public RunResult {
        timeline = List.copyOf(timeline);
        apiCalls = List.copyOf(apiCalls);
        functionIds = List.copyOf(functionIds);
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
