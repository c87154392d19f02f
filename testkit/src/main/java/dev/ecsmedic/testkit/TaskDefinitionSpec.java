package dev.ecsmedic.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * A Fargate task definition family to register in the simulated world. {@code taskRoleAllowsSsmMessages} says
 * whether the task role grants the ssmmessages actions ECS Exec needs; without them the agent never connects.
 * {@code operatingSystemFamily} is runtimePlatform's (LINUX, WINDOWS_SERVER_2019_CORE, ...), empty for none.
 */
public record TaskDefinitionSpec(
        String family,
        List<ContainerSpec> containers,
        List<EfsVolume> volumes,
        String taskRoleArn,
        String executionRoleArn,
        String cpu,
        String memory,
        boolean taskRoleAllowsSsmMessages,
        String operatingSystemFamily) {

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
                "arn:aws:iam::123456789012:role/" + family + "-execution", "512", "1024", true, "");
    }

    public TaskDefinitionSpec withEfsVolume(String name, String fileSystemId, String rootDirectory) {
        List<EfsVolume> all = new ArrayList<>(volumes);
        all.add(new EfsVolume(name, fileSystemId, rootDirectory));
        return new TaskDefinitionSpec(family, containers, all, taskRoleArn, executionRoleArn, cpu, memory,
                taskRoleAllowsSsmMessages, operatingSystemFamily);
    }

    public TaskDefinitionSpec withoutSsmMessagesPermissions() {
        return new TaskDefinitionSpec(family, containers, volumes, taskRoleArn, executionRoleArn, cpu, memory, false,
                operatingSystemFamily);
    }

    public TaskDefinitionSpec withContainers(List<ContainerSpec> newContainers) {
        return new TaskDefinitionSpec(family, newContainers, volumes, taskRoleArn, executionRoleArn, cpu, memory,
                taskRoleAllowsSsmMessages, operatingSystemFamily);
    }

    /** Runs on Windows containers on Fargate (platform version 1.0.0), with this runtimePlatform family. */
    public TaskDefinitionSpec onWindows(String family) {
        return new TaskDefinitionSpec(this.family, containers, volumes, taskRoleArn, executionRoleArn, cpu, memory,
                taskRoleAllowsSsmMessages, family);
    }

    public boolean windows() {
        return operatingSystemFamily.startsWith("WINDOWS");
    }

    /** The Fargate platform version tasks of this definition run on under LATEST: 1.0.0 on Windows, else 1.4.0. */
    String platformVersion() {
        return windows() ? "1.0.0" : "1.4.0";
    }

    /** DescribeTasks' platformFamily: Linux, or the Windows Server family the task runs. */
    String platformFamily() {
        return windows() ? operatingSystemFamily : "Linux";
    }
}
