package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.ServiceReads;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.SchedulingStrategy;
import dev.ecsmedic.core.view.TaskStatus;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Reads a service's state from ECS into a {@link ServiceView}. A task definition revision is immutable (a change
 * is a new revision, with a new ARN), so each is read once per container and kept, up to
 * {@link #KEPT_TASK_DEFINITIONS} of them, the least recently used dropped first; a failed read keeps nothing.
 */
public final class EcsObserver implements ServiceReads {

    private static final int DESCRIBE_TASKS_BATCH = 100;
    /** Task definitions kept per container: every revision a few watched services run, many times over. */
    static final int KEPT_TASK_DEFINITIONS = 128;

    private final Supplier<EcsClient> ecs;
    private final Map<String, TaskDefinitionView> definitions;

    /** {@code ecs} is asked for the client at the first read. */
    public EcsObserver(Supplier<EcsClient> ecs) {
        this(ecs, KEPT_TASK_DEFINITIONS);
    }

    EcsObserver(Supplier<EcsClient> ecs, int keptTaskDefinitions) {
        this.ecs = ecs;
        this.definitions = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TaskDefinitionView> eldest) {
                return size() > keptTaskDefinitions;
            }
        });
    }

    /** DescribeServices only; the view has no tasks yet. */
    @Override
    public Optional<ServiceView> service(String cluster, String service) {
        return AwsErrors.call(() -> ecs.get().describeServices(b -> b.cluster(cluster).services(service)).services()
                .stream().findFirst().map(s -> toView(cluster, s)));
    }

    @Override
    public ServiceView withTasks(ServiceView view, Collection<String> taskHints) {
        return AwsErrors.call(() -> readTasks(view, taskHints));
    }

    private ServiceView readTasks(ServiceView view, Collection<String> taskHints) {
        Set<String> arns = new LinkedHashSet<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            Pages.each(token -> ecs.get().listTasks(b -> b.cluster(view.cluster()).serviceName(view.service())
                    .desiredStatus(status).nextToken(token)), r -> r.nextToken(), r -> arns.addAll(r.taskArns()));
        }
        arns.addAll(taskHints);
        List<TaskView> tasks = new ArrayList<>();
        List<String> all = new ArrayList<>(arns);
        for (int i = 0; i < all.size(); i += DESCRIBE_TASKS_BATCH) {
            List<String> batch = all.subList(i, Math.min(all.size(), i + DESCRIBE_TASKS_BATCH));
            ecs.get().describeTasks(b -> b.cluster(view.cluster()).tasks(batch)).tasks().stream()
                    .filter(t -> ("service:" + view.service()).equals(t.group()))
                    .map(EcsObserver::toView)
                    .forEach(tasks::add);
        }
        Map<String, TaskDefinitionView> used = new LinkedHashMap<>();
        tasks.stream().map(TaskView::taskDefinitionArn).distinct().forEach(arn -> used.put(arn, taskDefinition(arn)));
        return view.withTasks(tasks, used);
    }

    /** {@code service} of the view comes from the task's group; it is empty for a standalone task. */
    @Override
    public Optional<ServiceView> task(String cluster, String task) {
        return AwsErrors.call(() -> ecs.get().describeTasks(b -> b.cluster(cluster).tasks(task)).tasks().stream()
                .findFirst().map(t -> {
            TaskView view = toView(t);
            String service = view.group().startsWith("service:") ? view.group().substring("service:".length()) : "";
            return new ServiceView(cluster, service, "", view.enableExecuteCommand(), 1, List.of(), List.of(view),
                    Map.of(view.taskDefinitionArn(), taskDefinition(view.taskDefinitionArn())));
        }));
    }

    /** Read outside the lock: two invocations racing for one revision may both read it, and keep the same. */
    private TaskDefinitionView taskDefinition(String arn) {
        TaskDefinitionView kept = definitions.get(arn);
        if (kept != null) {
            return kept;
        }
        TaskDefinitionView read = toView(ecs.get().describeTaskDefinition(b -> b.taskDefinition(arn)).taskDefinition());
        definitions.put(arn, read);
        return read;
    }

    @Override
    public List<String> serviceNames(String cluster) {
        return AwsErrors.call(() -> {
            List<String> names = new ArrayList<>();
            Pages.each(token -> ecs.get().listServices(b -> b.cluster(cluster).nextToken(token)), r -> r.nextToken(),
                    r -> r.serviceArns().forEach(arn -> names.add(arn.substring(arn.lastIndexOf('/') + 1))));
            return names;
        });
    }

    static ServiceView toView(String cluster, Service s) {
        List<Deployment> deployments = s.deployments().stream().map(d -> new Deployment(
                text(d.id()), DeploymentStatus.of(d.status()), RolloutState.of(d.rolloutStateAsString()),
                text(d.rolloutStateReason()),
                text(d.taskDefinition()), number(d.desiredCount()), number(d.pendingCount()),
                number(d.runningCount()), number(d.failedTasks()),
                time(d.createdAt()).orElse(Instant.EPOCH), time(d.updatedAt()).orElse(Instant.EPOCH))).toList();
        return new ServiceView(cluster, text(s.serviceName()), text(s.status()),
                Boolean.TRUE.equals(s.enableExecuteCommand()), number(s.desiredCount()),
                DeploymentController.of(s.deploymentController() == null ? null
                        : s.deploymentController().typeAsString()),
                SchedulingStrategy.of(s.schedulingStrategyAsString()), deployments, List.of(), Map.of());
    }

    static TaskView toView(Task t) {
        List<TaskView.ContainerView> containers = t.containers().stream().map(c -> new TaskView.ContainerView(
                text(c.name()), Optional.ofNullable(c.exitCode()), text(c.reason()), text(c.lastStatus()),
                text(c.healthStatusAsString()),
                c.managedAgents().stream().map(a -> new TaskView.ManagedAgent(text(a.nameAsString()),
                        text(a.lastStatus()), text(a.reason()), time(a.lastStartedAt()))).toList())).toList();
        return new TaskView(text(t.taskArn()), text(t.taskDefinitionArn()), text(t.group()), text(t.startedBy()),
                TaskStatus.of(t.lastStatus()), TaskStatus.of(t.desiredStatus()),
                HealthStatus.of(t.healthStatusAsString()),
                Boolean.TRUE.equals(t.enableExecuteCommand()), text(t.launchTypeAsString()),
                text(t.platformVersion()), time(t.createdAt()), time(t.startedAt()), time(t.stoppedAt()),
                text(t.stopCodeAsString()), text(t.stoppedReason()), containers, eniDetail(t, "subnetId"),
                text(t.containerInstanceArn()), eniDetail(t, "networkInterfaceId"));
    }

    private static String eniDetail(Task t, String name) {
        return t.attachments().stream().filter(a -> "ElasticNetworkInterface".equals(a.type()))
                .flatMap(a -> a.details().stream())
                .filter(d -> name.equals(d.name()) && d.value() != null)
                .map(d -> d.value()).findFirst().orElse("");
    }

    static TaskDefinitionView toView(TaskDefinition d) {
        List<TaskDefinitionView.EfsVolume> efs = d.volumes().stream()
                .filter(v -> v.efsVolumeConfiguration() != null)
                .map(v -> new TaskDefinitionView.EfsVolume(text(v.name()),
                        text(v.efsVolumeConfiguration().fileSystemId()),
                        text(v.efsVolumeConfiguration().rootDirectory()),
                        v.efsVolumeConfiguration().authorizationConfig() == null ? ""
                                : text(v.efsVolumeConfiguration().authorizationConfig().accessPointId())))
                .toList();
        List<TaskDefinitionView.ContainerDefinition> containers = d.containerDefinitions().stream()
                .map(EcsObserver::toView).toList();
        return new TaskDefinitionView(text(d.taskDefinitionArn()), text(d.family()), text(d.taskRoleArn()), efs,
                containers, d.runtimePlatform() == null ? ""
                        : text(d.runtimePlatform().operatingSystemFamilyAsString()));
    }

    private static TaskDefinitionView.ContainerDefinition toView(ContainerDefinition c) {
        return new TaskDefinitionView.ContainerDefinition(text(c.name()), !Boolean.FALSE.equals(c.essential()),
                c.healthCheck() != null, awslogs(c.logConfiguration()),
                Boolean.TRUE.equals(c.readonlyRootFilesystem()),
                c.linuxParameters() != null && Boolean.TRUE.equals(c.linuxParameters().initProcessEnabled()),
                c.mountPoints().stream().map(m -> new TaskDefinitionView.MountPoint(text(m.sourceVolume()),
                        text(m.containerPath()), Boolean.TRUE.equals(m.readOnly()))).toList());
    }

    private static Optional<TaskDefinitionView.AwsLogs> awslogs(LogConfiguration log) {
        if (log == null || !"awslogs".equals(log.logDriverAsString()) || !log.options().containsKey("awslogs-group")) {
            return Optional.empty();
        }
        return Optional.of(new TaskDefinitionView.AwsLogs(log.options().get("awslogs-group"),
                log.options().getOrDefault("awslogs-region", ""), log.options().getOrDefault("awslogs-stream-prefix", "")));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static int number(Integer value) {
        return value == null ? 0 : value;
    }

    private static Optional<Instant> time(Instant value) {
        return Optional.ofNullable(value);
    }
}
