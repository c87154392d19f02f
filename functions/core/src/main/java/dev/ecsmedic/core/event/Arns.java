package dev.ecsmedic.core.event;

import java.util.Optional;
import java.util.regex.Pattern;

/** ECS ARN parsing shared by the event model and the adapters: cluster, service and task names from ARNs. */
public final class Arns {
    private static final Pattern TASK = Pattern.compile(
            "arn:[a-z-]{1,20}:ecs:[a-z0-9-]{1,30}:[0-9]{12}:task/([A-Za-z0-9_-]{1,255}/)?[A-Za-z0-9-]{1,64}");
    private static final Pattern ALARM = Pattern.compile("arn:[a-z-]{1,20}:cloudwatch:[a-z0-9-]{1,30}:[0-9]{12}:alarm:");

    private Arns() {}

    /** {@code arn:P:ecs:R:A:task/CLUSTER/ID}, or the old {@code task/ID}: an ARN ECS could have given a task. */
    public static boolean isTask(String arn) {
        return TASK.matcher(arn).matches();
    }

    /** {@code arn:P:cloudwatch:R:A:alarm:NAME} for exactly this alarm name. */
    public static boolean isAlarm(String arn, String alarmName) {
        return arn.endsWith(":alarm:" + alarmName)
                && ALARM.matcher(arn.substring(0, arn.length() - alarmName.length())).matches();
    }

    /** The cluster segment of a task ARN of the newer form; empty for the old form. */
    public static Optional<String> taskCluster(String taskArn) {
        String[] path = taskArn.substring(taskArn.indexOf(":task/") + ":task/".length()).split("/");
        return path.length == 2 ? Optional.of(path[0]) : Optional.empty();
    }

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
