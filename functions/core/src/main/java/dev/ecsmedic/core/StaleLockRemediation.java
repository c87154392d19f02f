package dev.ecsmedic.core;

import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.policy.StaleLockPolicy;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Stale lock holder: reads tasks only during a rollout, and logs only of blocked tasks, then asks the policy. */
public final class StaleLockRemediation implements Remediation {

    @Override
    public String name() {
        return "stale-lock";
    }

    @Override
    public Plan plan(Observation observation, Settings settings, Instant now) {
        ServiceView view = observation.service();
        if (StaleLockPolicy.needsTasks(view)) {
            view = observation.withTasks();
        }
        List<TaskView> blocked = StaleLockPolicy.tasksNeedingEvidence(view, settings, now);
        Map<String, LockEvidence> evidence = blocked.isEmpty()
                ? Map.of()
                : observation.lockEvidence(view, blocked, settings.lockErrorPattern());
        return StaleLockPolicy.decide(view, evidence, settings, now);
    }
}
