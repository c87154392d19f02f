package dev.ecsmedic.testkit;

/** A Fargate service to create in the simulated world; {@code taskDefinition} is a family or family:revision. */
public record ServiceSpec(
        String cluster,
        String name,
        String taskDefinition,
        int desiredCount,
        int minimumHealthyPercent,
        int maximumPercent,
        boolean circuitBreaker,
        boolean rollback,
        boolean enableExecuteCommand) {

    public static ServiceSpec of(String cluster, String name, String taskDefinition, int desiredCount) {
        return new ServiceSpec(cluster, name, taskDefinition, desiredCount, 100, 200, true, true, false);
    }

    public ServiceSpec withDeployment(int minimumHealthy, int maximum, boolean breaker, boolean rollbackOnFailure) {
        return new ServiceSpec(cluster, name, taskDefinition, desiredCount, minimumHealthy, maximum, breaker,
                rollbackOnFailure, enableExecuteCommand);
    }

    public ServiceSpec withExecuteCommand(boolean enabled) {
        return new ServiceSpec(cluster, name, taskDefinition, desiredCount, minimumHealthyPercent, maximumPercent,
                circuitBreaker, rollback, enabled);
    }
}
