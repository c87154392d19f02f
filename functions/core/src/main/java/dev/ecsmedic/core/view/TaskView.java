package dev.ecsmedic.core.view;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A task as DescribeTasks reports it. {@code startedBy} is the id of the deployment that started it;
 * {@code subnetId} and {@code networkInterfaceId} come from its ENI attachment (awsvpc), {@code containerInstanceArn} is set on EC2 only.
 */
public record TaskView(
        String taskArn,
        String taskDefinitionArn,
        String group,
        String startedBy,
        TaskStatus lastStatus,
        TaskStatus desiredStatus,
        HealthStatus healthStatus,
        boolean enableExecuteCommand,
        String launchType,
        String platformVersion,
        Optional<Instant> createdAt,
        Optional<Instant> startedAt,
        Optional<Instant> stoppedAt,
        String stopCode,
        String stoppedReason,
        List<ContainerView> containers,
        String subnetId,
        String containerInstanceArn,
        String networkInterfaceId) {

    public TaskView {
        containers = List.copyOf(containers);
    }

    public TaskView(String taskArn, String taskDefinitionArn, String group, String startedBy, TaskStatus lastStatus,
                    TaskStatus desiredStatus, HealthStatus healthStatus, boolean enableExecuteCommand, String launchType,
                    String platformVersion, Optional<Instant> createdAt, Optional<Instant> startedAt,
                    Optional<Instant> stoppedAt, String stopCode, String stoppedReason,
                    List<ContainerView> containers, String subnetId, String containerInstanceArn) {
        this(taskArn, taskDefinitionArn, group, startedBy, lastStatus, desiredStatus, healthStatus,
                enableExecuteCommand, launchType, platformVersion, createdAt, startedAt, stoppedAt, stopCode,
                stoppedReason, containers, subnetId, containerInstanceArn, "");
    }

    public TaskView(String taskArn, String taskDefinitionArn, String group, String startedBy, TaskStatus lastStatus,
                    TaskStatus desiredStatus, HealthStatus healthStatus, boolean enableExecuteCommand, String launchType,
                    String platformVersion, Optional<Instant> createdAt, Optional<Instant> startedAt,
                    Optional<Instant> stoppedAt, String stopCode, String stoppedReason,
                    List<ContainerView> containers) {
        this(taskArn, taskDefinitionArn, group, startedBy, lastStatus, desiredStatus, healthStatus,
                enableExecuteCommand, launchType, platformVersion, createdAt, startedAt, stoppedAt, stopCode,
                stoppedReason, containers, "", "", "");
    }

    public String id() {
        return taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public boolean running() {
        return lastStatus == TaskStatus.RUNNING && desiredStatus == TaskStatus.RUNNING;
    }

    public boolean starting() {
        return desiredStatus == TaskStatus.RUNNING && lastStatus.starting();
    }

    public boolean stopped() {
        return lastStatus == TaskStatus.STOPPED;
    }

    /** Stopped, or on its way down because it exited or failed: its stop code is already set. */
    public boolean down() {
        return stopped() || (desiredStatus == TaskStatus.STOPPED && !stopCode.isEmpty());
    }

    /** On its way down: someone (a person, ECS, or ecs-medic) already asked it to stop. */
    public boolean stopping() {
        return desiredStatus == TaskStatus.STOPPED && !stopped();
    }

    public record ContainerView(
            String name,
            Optional<Integer> exitCode,
            String reason,
            String lastStatus,
            String healthStatus,
            List<ManagedAgent> managedAgents) {
        public ContainerView {
            managedAgents = List.copyOf(managedAgents);
        }
    }

    /** In DescribeTasks the agent's state is {@code lastStatus}; in events it is {@code status}. */
    public record ManagedAgent(String name, String lastStatus, String reason, Optional<Instant> lastStartedAt) {}
}
