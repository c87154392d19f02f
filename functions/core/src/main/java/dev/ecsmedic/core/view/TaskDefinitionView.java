package dev.ecsmedic.core.view;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The parts of a task definition the policies read. Task definitions are immutable: one view per ARN.
 * {@code operatingSystemFamily} is {@code runtimePlatform.operatingSystemFamily} (LINUX, WINDOWS_SERVER_2019_CORE,
 * ...), empty when the task definition names none.
 */
public record TaskDefinitionView(
        String arn,
        String family,
        String taskRoleArn,
        List<EfsVolume> efsVolumes,
        List<ContainerDefinition> containers,
        String operatingSystemFamily) {

    public TaskDefinitionView {
        efsVolumes = List.copyOf(efsVolumes);
        containers = List.copyOf(containers);
    }

    public TaskDefinitionView(String arn, String family, String taskRoleArn, List<EfsVolume> efsVolumes,
                              List<ContainerDefinition> containers) {
        this(arn, family, taskRoleArn, efsVolumes, containers, "");
    }

    /** Windows containers: a WINDOWS_SERVER_* operating system family. */
    public boolean windows() {
        return operatingSystemFamily.startsWith("WINDOWS");
    }

    public Optional<ContainerDefinition> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The lock domains a task of this definition takes part in: the EFS volumes an essential container mounts. A
     * volume declared but mounted by no essential container holds no lock of the task's.
     */
    public Set<String> lockDomains() {
        Set<String> domains = new LinkedHashSet<>();
        for (EfsVolume volume : efsVolumes) {
            boolean mounted = containers.stream().filter(ContainerDefinition::essential)
                    .anyMatch(c -> c.mountPoints().stream().anyMatch(m -> m.sourceVolume().equals(volume.volumeName())));
            if (mounted) {
                domains.add(volume.lockDomain());
            }
        }
        return domains;
    }

    public record EfsVolume(String volumeName, String fileSystemId, String rootDirectory, String accessPointId) {

        public EfsVolume(String volumeName, String fileSystemId, String rootDirectory) {
            this(volumeName, fileSystemId, rootDirectory, "");
        }

        /**
         * The lock lives in a directory: one file system and directory is one lock domain. An access point
         * stands for its own root directory (the volume's rootDirectory must then be /).
         */
        public String lockDomain() {
            return fileSystemId + ":" + (!accessPointId.isEmpty() ? accessPointId
                    : rootDirectory.isEmpty() ? "/" : rootDirectory);
        }
    }

    public record ContainerDefinition(
            String name,
            boolean essential,
            boolean hasHealthCheck,
            Optional<AwsLogs> awslogs,
            boolean readonlyRootFilesystem,
            boolean initProcessEnabled,
            List<MountPoint> mountPoints) {

        public ContainerDefinition {
            mountPoints = List.copyOf(mountPoints);
        }

        public ContainerDefinition(String name, boolean essential, boolean hasHealthCheck, Optional<AwsLogs> awslogs,
                                   boolean readonlyRootFilesystem, boolean initProcessEnabled) {
            this(name, essential, hasHealthCheck, awslogs, readonlyRootFilesystem, initProcessEnabled, List.of());
        }
    }

    /** A container's mount of one of the task definition's volumes. */
    public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {
        public MountPoint(String sourceVolume, String containerPath) {
            this(sourceVolume, containerPath, false);
        }
    }

    /** An awslogs log configuration; streams are named {@code prefix/container/taskId}. */
    public record AwsLogs(String group, String region, String streamPrefix) {
        public Optional<String> stream(String containerName, String taskId) {
            return streamPrefix.isEmpty()
                    ? Optional.empty()
                    : Optional.of(streamPrefix + "/" + containerName + "/" + taskId);
        }
    }
}
