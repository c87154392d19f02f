package dev.ecsmedic.core.view;

/**
 * Who deploys a service ({@code deploymentController.type}): ECS's rolling update, CodeDeploy's blue/green, or an
 * external controller; both of the latter move task sets, so {@code deployments[]} does not mean a rolling update.
 */
public enum DeploymentController {
    ECS, CODE_DEPLOY, EXTERNAL, UNKNOWN;

    /** ECS when DescribeServices gives none: the documented default of CreateService. */
    public static DeploymentController of(String value) {
        return Names.of(DeploymentController.class, value, ECS, UNKNOWN);
    }
}
