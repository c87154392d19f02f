package dev.ecsmedic.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A Fargate task definition family to register in the simulated world. {@code taskRoleAllowsSsmMessages} says
 * whether the task role grants the ssmmessages actions ECS Exec needs; without them the agent never connects.
 */
public record TaskDefinitionSpec(
        String family,
        List<ContainerSpec> containers,
        List<EfsVolume> volumes,
        String taskRoleArn,
        String executionRoleArn,
        String cpu,
        String memory,
        boolean taskRoleAllowsSsmMessages) {

    public TaskDefinitionSpec {
        containers = List.copyOf(containers);
        volumes = List.copyOf(volumes);
    }

    /** A task volume backed by EFS; the lock Prometheus takes lives in {@code fileSystemId + rootDirectory}. */
    public record EfsVolume(String name, String fileSystemId, String rootDirectory) {
    }

    public static TaskDefinitionSpec of(String family, ContainerSpec... containers) {
        return new TaskDefinitionSpec(family, List.of(containers), List.of(),
                "arn:aws:iam::123456789012:role/" + family + "-task",
                "arn:aws:iam::123456789012:role/" + family + "-execution", "512", "1024", true);
    }

    public TaskDefinitionSpec withEfsVolume(String name, String fileSystemId, String rootDirectory) {
        List<EfsVolume> all = new ArrayList<>(volumes);
        all.add(new EfsVolume(name, fileSystemId, rootDirectory));
        return new TaskDefinitionSpec(family, containers, all, taskRoleArn, executionRoleArn, cpu, memory,
                taskRoleAllowsSsmMessages);
    }

    public TaskDefinitionSpec withoutSsmMessagesPermissions() {
        return new TaskDefinitionSpec(family, containers, volumes, taskRoleArn, executionRoleArn, cpu, memory, false);
    }

    public TaskDefinitionSpec withContainers(List<ContainerSpec> newContainers) {
        return new TaskDefinitionSpec(family, newContainers, volumes, taskRoleArn, executionRoleArn, cpu, memory,
                taskRoleAllowsSsmMessages);
    }
}
