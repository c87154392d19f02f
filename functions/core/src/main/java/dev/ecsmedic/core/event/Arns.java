package dev.ecsmedic.core.event;

import java.util.Optional;

/** ECS ARN parsing shared by the event model and the adapters: cluster, service and task names from ARNs. */
public final class Arns {
    private Arns() {}

    /** {@code arn:aws:ecs:r:a:cluster/NAME} or a bare name gives NAME. */
    public static String clusterName(String clusterArnOrName) {
        int slash = clusterArnOrName.lastIndexOf('/');
        return clusterArnOrName.startsWith("arn:") && slash >= 0
                ? clusterArnOrName.substring(slash + 1)
                : clusterArnOrName;
    }

    /** {@code arn:aws:ecs:r:a:service/CLUSTER/SERVICE}; the old form without the cluster has none to give. */
    public static Optional<ClusterService> service(String serviceArn) {
        int colon = serviceArn.indexOf(":service/");
        if (!serviceArn.startsWith("arn:") || colon < 0) {
            return Optional.empty();
        }
        String[] parts = serviceArn.substring(colon + ":service/".length()).split("/");
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty()
                ? Optional.of(new ClusterService(parts[0], parts[1]))
                : Optional.empty();
    }

    /** The last path segment of a task ARN (its id), or the input when it is already an id. */
    public static String taskId(String taskArnOrId) {
        return taskArnOrId.substring(taskArnOrId.lastIndexOf('/') + 1);
    }

    public record ClusterService(String cluster, String service) {}
}
