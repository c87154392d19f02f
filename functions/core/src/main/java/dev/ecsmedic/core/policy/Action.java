package dev.ecsmedic.core.policy;

/** A change ecs-medic may make to a service. Every action carries the reason sent with the AWS call. */
public sealed interface Action {

    String target();

    String reason();

    /** Stop one task ({@code ecs:StopTask}). */
    record StopTask(String cluster, String taskArn, String reason) implements Action {
        @Override
        public String target() {
            return taskArn;
        }
    }

    /** Replace every task of a service ({@code ecs:UpdateService} with {@code forceNewDeployment}). */
    record ForceNewDeployment(String cluster, String service, String reason) implements Action {
        @Override
        public String target() {
            return "service/" + cluster + "/" + service;
        }
    }
}
