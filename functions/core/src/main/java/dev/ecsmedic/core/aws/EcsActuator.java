package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.port.Actions;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Carries out planned actions; every AWS call carries the plan's reason. Decides nothing.
 *
 * <p>StopTask is retried by the SDK (stopping a task that is already stopping changes nothing), is not sent for
 * a task ECS already shows stopping, and carries a mark of this call in its reason. When ECS answers with another
 * mark, another call (a concurrent reconcile, an earlier attempt whose answer was lost) stopped the task first and
 * this one says so instead of claiming the stop. (AWS does not document whether a second StopTask replaces the
 * first one's reason; if it does, both calls claim the stop, as they did without the mark.) A forced deployment is
 * tried once: when its answer is lost the deployment may exist, and only a fresh observation (Lambda's retry of
 * the event) may decide whether another is needed.
 */
public final class EcsActuator implements Actions {

    private static final int MAX_REASON = 255;

    private final EcsClient ecs;
    private final Supplier<EcsClient> once;

    /** {@code once}: a client of the same endpoint whose calls are never retried by the SDK. */
    public EcsActuator(EcsClient ecs, Supplier<EcsClient> once) {
        this.ecs = ecs;
        this.once = once;
    }

    @Override
    public Optional<String> execute(Action action) {
        return AwsErrors.call(() -> call(action));
    }

    private Optional<String> call(Action action) {
        if (action instanceof Action.StopTask stop) {
            return stop(stop);
        }
        if (action instanceof Action.ForceNewDeployment force) {
            once.get().updateService(b -> b.cluster(force.cluster()).service(force.service())
                    .forceNewDeployment(true));
            return Optional.empty();
        }
        throw new IllegalArgumentException("unknown action " + action);
    }

    private Optional<String> stop(Action.StopTask stop) {
        Optional<Task> now = ecs.describeTasks(b -> b.cluster(stop.cluster()).tasks(stop.taskArn())).tasks().stream()
                .findFirst();
        if (now.isPresent() && now.get().desiredStatus() != null
                && now.get().desiredStatus().equals(DesiredStatus.STOPPED.toString())) {
            return Optional.of("already stopping (" + now.get().stoppedReason() + ")");
        }
        String mark = " [" + UUID.randomUUID().toString().substring(0, 8) + "]";
        String reason = (stop.reason().length() + mark.length() > MAX_REASON
                ? stop.reason().substring(0, MAX_REASON - mark.length()) : stop.reason()) + mark;
        Task task = ecs.stopTask(b -> b.cluster(stop.cluster()).task(stop.taskArn()).reason(reason)).task();
        if (task != null && task.stoppedReason() != null && !task.stoppedReason().equals(reason)) {
            return Optional.of("stopped first by another call (" + task.stoppedReason() + ")");
        }
        return Optional.empty();
    }
}
