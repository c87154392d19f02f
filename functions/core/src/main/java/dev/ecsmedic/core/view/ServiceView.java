package dev.ecsmedic.core.view;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service as observed at one moment: its deployments, its tasks (running and recently stopped), and the
 * task definitions they run. Policies decide from this alone; it holds no SDK types.
 */
public record ServiceView(
        String cluster,
        String service,
        String status,
        boolean enableExecuteCommand,
        int desiredCount,
        DeploymentController deploymentController,
        SchedulingStrategy schedulingStrategy,
        List<Deployment> deployments,
        List<TaskView> tasks,
        Map<String, TaskDefinitionView> taskDefinitions) {

    public ServiceView {
        deployments = List.copyOf(deployments);
        tasks = List.copyOf(tasks);
        taskDefinitions = Map.copyOf(taskDefinitions);
    }

    /** A replica service deployed by ECS's rolling update: what CreateService makes when told nothing else. */
    public ServiceView(String cluster, String service, String status, boolean enableExecuteCommand, int desiredCount,
                       List<Deployment> deployments, List<TaskView> tasks,
                       Map<String, TaskDefinitionView> taskDefinitions) {
        this(cluster, service, status, enableExecuteCommand, desiredCount, DeploymentController.ECS,
                SchedulingStrategy.REPLICA, deployments, tasks, taskDefinitions);
    }

    public Optional<Deployment> primary() {
        return deployments.stream().filter(d -> d.status() == DeploymentStatus.PRIMARY).findFirst();
    }

    /** Older deployments that still run or start tasks. */
    public List<Deployment> active() {
        return deployments.stream().filter(d -> d.status() == DeploymentStatus.ACTIVE).toList();
    }

    public Optional<TaskDefinitionView> taskDefinition(TaskView task) {
        return Optional.ofNullable(taskDefinitions.get(task.taskDefinitionArn()));
    }

    public ServiceView withTasks(List<TaskView> observedTasks, Map<String, TaskDefinitionView> definitions) {
        return new ServiceView(cluster, service, status, enableExecuteCommand, desiredCount, deploymentController,
                schedulingStrategy, deployments, observedTasks, definitions);
    }
}
