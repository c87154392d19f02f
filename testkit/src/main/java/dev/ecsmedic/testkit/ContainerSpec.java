package dev.ecsmedic.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One container definition of a simulated task definition, with the behaviour of the process it runs. */
public record ContainerSpec(
        String name,
        String image,
        boolean essential,
        ContainerBehavior behavior,
        HealthCheck healthCheck,
        LogConfig logConfig,
        List<MountPoint> mountPoints,
        boolean readonlyRootFilesystem,
        boolean initProcessEnabled) {

    public ContainerSpec {
        mountPoints = List.copyOf(mountPoints);
    }

    /** An ECS container health check; {@code passesAfter} is how long after start the command first succeeds. */
    public record HealthCheck(List<String> command, int interval, int timeout, int retries, int startPeriod,
                              Duration passesAfter) {
        public static HealthCheck http(String url, Duration passesAfter) {
            return new HealthCheck(List.of("CMD-SHELL", "wget -q --spider " + url + " || exit 1"), 30, 5, 3, 0,
                    passesAfter);
        }
    }

    /** The awslogs driver options; the stream of a container is {@code streamPrefix/containerName/taskId}. */
    public record LogConfig(String group, String region, String streamPrefix) {
    }

    public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {
    }

    public static ContainerSpec of(String name, String image, ContainerBehavior behavior) {
        return new ContainerSpec(name, image, true, behavior, null, null, List.of(), false, false);
    }

    public ContainerSpec sidecar() {
        return new ContainerSpec(name, image, false, behavior, healthCheck, logConfig, mountPoints,
                readonlyRootFilesystem, initProcessEnabled);
    }

    public ContainerSpec withHealthCheck(HealthCheck check) {
        return new ContainerSpec(name, image, essential, behavior, check, logConfig, mountPoints,
                readonlyRootFilesystem, initProcessEnabled);
    }

    public ContainerSpec withLogs(String group, String streamPrefix) {
        return new ContainerSpec(name, image, essential, behavior, healthCheck,
                new LogConfig(group, "us-east-1", streamPrefix), mountPoints, readonlyRootFilesystem,
                initProcessEnabled);
    }

    public ContainerSpec withMount(String sourceVolume, String containerPath) {
        List<MountPoint> mounts = new ArrayList<>(mountPoints);
        mounts.add(new MountPoint(sourceVolume, containerPath, false));
        return new ContainerSpec(name, image, essential, behavior, healthCheck, logConfig, mounts,
                readonlyRootFilesystem, initProcessEnabled);
    }

    public ContainerSpec withLinux(boolean readonlyRoot, boolean initProcess) {
        return new ContainerSpec(name, image, essential, behavior, healthCheck, logConfig, mountPoints,
                readonlyRoot, initProcess);
    }

    public ContainerSpec withBehavior(ContainerBehavior newBehavior) {
        return new ContainerSpec(name, image, essential, newBehavior, healthCheck, logConfig, mountPoints,
                readonlyRootFilesystem, initProcessEnabled);
    }
}
