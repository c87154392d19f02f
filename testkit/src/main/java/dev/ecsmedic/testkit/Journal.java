package dev.ecsmedic.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * What the world writes down besides its events, for timelines and run summaries: state changes of tasks and
 * deployments, the stops of tasks and who asked for them, and every API call.
 */
final class Journal {
    private final VirtualClock clock;
    private final List<EcsWorld.StateChange> changes = new ArrayList<>();
    private final List<EcsWorld.TaskStop> stops = new ArrayList<>();
    private final List<EcsWorld.ApiCall> calls = new ArrayList<>();

    Journal(VirtualClock clock) {
        this.clock = clock;
    }

    void change(String subject, String what) {
        changes.add(new EcsWorld.StateChange(clock.instant(), subject, what));
    }

    void stop(EcsWorld.TaskStop stop) {
        stops.add(stop);
    }

    void call(EcsWorld.ApiCall call) {
        calls.add(call);
    }

    List<EcsWorld.StateChange> drainChanges() {
        List<EcsWorld.StateChange> out = List.copyOf(changes);
        changes.clear();
        return out;
    }

    List<EcsWorld.TaskStop> stops() {
        return List.copyOf(stops);
    }

    List<EcsWorld.ApiCall> calls() {
        return List.copyOf(calls);
    }

    void clear() {
        changes.clear();
        stops.clear();
        calls.clear();
    }
}
