package dev.ecsmedic.core.view;

import java.util.List;
import java.util.Optional;

/** The parts of a task definition the policies read. Task definitions are immutable: one view per ARN. */
public record TaskDefinitionView(
        String arn,
        String family,
        String taskRoleArn,
        List<EfsVolume> efsVolumes,
        List<ContainerDefinition> containers) {

    public TaskDefinitionView {
        efsVolumes = List.copyOf(efsVolumes);
        containers = List.copyOf(containers);
    }

    public Optional<ContainerDefinition> container(String name) {
        return containers.stream().filter(c -> c.name().equals(name)).findFirst();
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
            boolean initProcessEnabled) {}

    /** An awslogs log configuration; streams are named {@code prefix/container/taskId}. */
    public record AwsLogs(String group, String region, String streamPrefix) {
        public Optional<String> stream(String containerName, String taskId) {
            return streamPrefix.isEmpty()
                    ? Optional.empty()
                    : Optional.of(streamPrefix + "/" + containerName + "/" + taskId);
        }
    }
}
