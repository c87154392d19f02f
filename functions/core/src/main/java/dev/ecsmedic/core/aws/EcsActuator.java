package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.port.Actions;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Carries out planned actions; every AWS call carries the plan's reason. Decides nothing.
 *
 * <p>Only the invocation holding the action's claim calls here (see {@code Claims}). StopTask is retried by the SDK
 * (stopping a task that is already stopping changes nothing) and is not sent for a task ECS already shows
 * stopping; when ECS answers with another reason, someone else (an operator, ECS itself) stopped the task first and
 * this call says so instead of claiming the stop. A forced deployment is tried once: when its answer is lost the
 * deployment may exist, and only a fresh observation (Lambda's retry of the event) may decide whether another is
 * needed.
 */
public final class EcsActuator implements Actions {

    private static final int MAX_REASON = 255;

    private final Supplier<EcsClient> ecs;
    private final Supplier<EcsClient> once;

    /** {@code once}: a client of the same endpoint whose calls are never retried by the SDK; both asked at use. */
    public EcsActuator(Supplier<EcsClient> ecs, Supplier<EcsClient> once) {
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
        Optional<Task> now = ecs.get().describeTasks(b -> b.cluster(stop.cluster()).tasks(stop.taskArn())).tasks()
                .stream()
                .findFirst();
        if (now.isPresent() && now.get().desiredStatus() != null
                && now.get().desiredStatus().equals(DesiredStatus.STOPPED.toString())) {
            return Optional.of("already stopping (" + now.get().stoppedReason() + ")");
        }
        String reason = stop.reason().length() > MAX_REASON ? stop.reason().substring(0, MAX_REASON) : stop.reason();
        Task task = ecs.get().stopTask(b -> b.cluster(stop.cluster()).task(stop.taskArn()).reason(reason)).task();
        if (task != null && task.stoppedReason() != null && !task.stoppedReason().equals(reason)) {
            return Optional.of("stopped first by someone else (" + task.stoppedReason() + ")");
        }
        return Optional.empty();
    }
}
