package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.port.Actions;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Carries out planned actions; every AWS call carries the plan's reason. Decides nothing. StopTask is retried by
 * the SDK: stopping a task that is already stopping changes nothing. A forced deployment is tried once: when its
 * answer is lost the deployment may exist, and only a fresh observation (Lambda's retry of the event) may decide
 * whether another is needed; a blind retry would start a second one.
 */
public final class EcsActuator implements Actions {

    private final EcsClient ecs;
    private final Supplier<EcsClient> once;

    /** {@code once}: a client of the same endpoint whose calls are never retried by the SDK. */
    public EcsActuator(EcsClient ecs, Supplier<EcsClient> once) {
        this.ecs = ecs;
        this.once = once;
    }

    @Override
    public void execute(Action action) {
        AwsErrors.run(() -> call(action));
    }

    private void call(Action action) {
        if (action instanceof Action.StopTask stop) {
            ecs.stopTask(b -> b.cluster(stop.cluster()).task(stop.taskArn()).reason(stop.reason()));
        } else if (action instanceof Action.ForceNewDeployment force) {
            once.get().updateService(b -> b.cluster(force.cluster()).service(force.service())
                    .forceNewDeployment(true));
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
    }
}
