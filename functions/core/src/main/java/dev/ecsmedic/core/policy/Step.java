package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where a pure policy stands in its decision: decided, or waiting for one more read. The reconcile loop makes
 * the read and hands the answer to {@code then}, so a policy walks a service once and asks only for what its
 * decision needs (no tasks outside a rollout, no logs unless a task is blocked).
 */
public sealed interface Step {

    /** Decided by {@code early} when a policy's first checks settled it, otherwise waiting for the tasks. */
    static Step unlessDecided(Optional<Plan> early, Function<ServiceView, Step> withTasks) {
        return early.<Step>map(Decided::new).orElseGet(() -> new NeedsTasks(withTasks));
    }

    record Decided(Plan plan) implements Step {}

    /** The service's running and recently stopped tasks, with their task definitions. */
    record NeedsTasks(Function<ServiceView, Step> then) implements Step {}

    /** Lock errors in these blocked tasks' own log streams, by task ARN. */
    record NeedsEvidence(ServiceView view, List<TaskView> tasks, String pattern,
                         Function<Map<String, LockEvidence>, Step> then) implements Step {
        public NeedsEvidence {
            tasks = List.copyOf(tasks);
        }
    }

    /** What ECS Exec depends on for the service's running tasks. */
    record NeedsExecFacts(ServiceView view, Function<ExecFacts, Step> then) implements Step {}

    /**
     * When ECS Exec was last enabled on the service, as ecs-medic kept it from CloudTrail's record of an earlier
     * event (empty: no record kept).
     */
    record NeedsExecEnabledAt(ServiceView view, Function<Optional<Instant>, Step> then) implements Step {}
}
