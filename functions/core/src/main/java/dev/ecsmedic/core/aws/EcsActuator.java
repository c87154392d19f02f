package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.port.Actions;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Carries out planned actions; every AWS call carries the plan's reason. Decides nothing. */
public final class EcsActuator implements Actions {

    private final EcsClient ecs;

    public EcsActuator(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public void execute(Action action) {
        AwsErrors.run(() -> call(action));
    }

    private void call(Action action) {
        if (action instanceof Action.StopTask stop) {
            ecs.stopTask(b -> b.cluster(stop.cluster()).task(stop.taskArn()).reason(stop.reason()));
        } else if (action instanceof Action.ForceNewDeployment force) {
            ecs.updateService(b -> b.cluster(force.cluster()).service(force.service()).forceNewDeployment(true));
        } else {
            throw new IllegalArgumentException("unknown action " + action);
        }
    }
}
