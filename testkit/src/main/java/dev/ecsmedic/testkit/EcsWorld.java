package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsmedic.testkit.Model.Cluster;
import dev.ecsmedic.testkit.Model.Service;
import dev.ecsmedic.testkit.Model.Task;
import dev.ecsmedic.testkit.Model.TaskDef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A simulated AWS account: ECS clusters, services and their deployments, Fargate tasks with their lifecycle, an
 * EFS lock, CloudWatch Logs and DynamoDB tables, all under a {@link VirtualClock}. It records the EventBridge
 * events ECS would emit and every API call, so scenarios and tests can replay an incident without AWS.
 */
public final class EcsWorld {

    /** An EventBridge event the world emitted, as the JSON EventBridge would deliver. */
    public record WorldEvent(Instant at, String detailType, String json) {
    }

    /** One call to the simulated API; {@code caller} is the function id or user acting when it was made. */
    public record ApiCall(Instant at, String caller, String service, String operation, String request,
                          String errorType) {
    }

    /** A task that was asked to stop, by whom ({@code ecs-scheduler}, {@code container-exit}, a caller) and why. */
    public record TaskStop(Instant at, String taskId, String deploymentId, String stoppedBy, String stopCode,
                           String reason) {
    }

    /** A task or deployment transition, for timelines. */
    public record StateChange(Instant at, String subject, String change) {
    }

    /** A read-only view of a deployment for assertions. */
    public record DeploymentView(String id, String status, String taskDefinition, String rolloutState,
                                 String rolloutStateReason, int failedTasks, boolean rollback, Instant createdAt) {
    }

    /** A read-only view of a task for assertions. */
    public record TaskView(String id, String arn, String startedBy, String taskDefinition, String lastStatus,
                           String desiredStatus, String healthStatus, boolean servingTraffic, String stopCode,
                           String stoppedReason, String stoppedBy, boolean enableExecuteCommand) {
    }

    public static final String SCHEDULER = "ecs-scheduler";
    public static final String CONTAINER_EXIT = "container-exit";

    private final VirtualClock clock;
    private final Timings timings;
    private final Registry registry = new Registry();
    private final LogStore logs;
    private final Outbox outbox;
    private final Journal journal;
    private final CloudWatch cloudWatch;
    private final ExecPrerequisites execPrerequisites = new ExecPrerequisites();
    private final TaskLifecycle lifecycle;
    private final ServiceScheduler scheduler;
    private final List<Notification> notifications = new ArrayList<>();
    private final FifoTopics fifoTopics = new FifoTopics();
    private final Map<String, Integer> throttles = new HashMap<>();
    private final DynamoDbTables dynamoDb = new DynamoDbTables(this);
    private volatile String actor = "sdk-client";
    private volatile FaultInjector faults = FaultInjector.NONE;

    public EcsWorld(VirtualClock clock, Timings timings, long seed) {
        this.clock = clock;
        this.timings = timings;
        Ids ids = new Ids(seed);
        this.logs = new LogStore(seed);
        this.outbox = new Outbox(clock, ids);
        this.journal = new Journal(clock);
        this.cloudWatch = new CloudWatch(this, outbox);
        Context context = new Context(clock, timings, ids, outbox, journal);
        this.lifecycle = new TaskLifecycle(context, logs, execPrerequisites);
        this.scheduler = new ServiceScheduler(context, registry, lifecycle);
        lifecycle.reportTo(scheduler);
    }

    public static EcsWorld create() {
        return new EcsWorld(VirtualClock.at("2025-11-13T22:00:00Z"), Timings.fargate(), 20251113L);
    }

    public VirtualClock clock() {
        return clock;
    }

    /** Metric filters and alarms over this world's logs and tasks. */
    public CloudWatch cloudWatch() {
        return cloudWatch;
    }

    public Instant now() {
        return clock.instant();
    }

    public synchronized EcsWorld cluster(String name) {
        registry.addCluster(name);
        return this;
    }

    public synchronized String registerTaskDefinition(TaskDefinitionSpec spec) {
        TaskDef td = registry.register(spec, now());
        spec.containers().stream().filter(c -> c.logConfig() != null)
                .forEach(c -> logs.createGroup(c.logConfig().group()));
        return td.arn;
    }

    public synchronized String createService(ServiceSpec spec) {
        Cluster cluster = registry.requireCluster(spec.cluster());
        if (cluster.services.containsKey(spec.name())) {
            throw AwsError.invalid("Creation of service was not idempotent.");
        }
        return scheduler.create(cluster, spec, registry.resolveTaskDef(spec.taskDefinition())).arn;
    }

    /** Changes how a service rolls out without starting a deployment, as an earlier infrastructure change would. */
    public synchronized void setDeploymentConfiguration(String cluster, String service, int minimumHealthyPercent,
                                                        int maximumPercent) {
        Service s = registry.requireCluster(cluster).requireService(service);
        s.minimumHealthyPercent = minimumHealthyPercent;
        s.maximumPercent = maximumPercent;
    }

    public synchronized List<String> serviceNames(String cluster) {
        return List.copyOf(registry.requireCluster(cluster).services.keySet());
    }

    /** Registers a new revision of an existing family with other container behaviours. */
    public synchronized String registerRevision(String family, UnaryOperator<TaskDefinitionSpec> change) {
        return registerTaskDefinition(change.apply(registry.latest(family).spec));
    }

    /** Moves the clock forward a second at a time; at each tick tasks take their due steps, then schedulers run. */
    public synchronized void advance(Duration duration) {
        Instant target = now().plus(duration);
        while (now().isBefore(target)) {
            Duration step = Duration.between(now(), target);
            clock.advance(step.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : step);
            Instant now = now();
            lifecycle.tick(now);
            scheduler.tick(now);
            cloudWatch.tick(now);
        }
    }

    /** Runs until every service's newest deployment has settled, then forgets what was recorded on the way. */
    public synchronized void settle(Duration limit) {
        Instant end = now().plus(limit);
        while (now().isBefore(end) && !allSettled()) {
            advance(Duration.ofSeconds(1));
        }
        advance(Duration.ofSeconds(30));
        outbox.drain();
        journal.clear();
    }

    private boolean allSettled() {
        return registry.clusters().stream().flatMap(c -> c.services.values().stream())
                .allMatch(s -> s.primary() == null || !s.primary().rolloutState.equals("IN_PROGRESS"));
    }

    public synchronized List<WorldEvent> drainEvents() {
        return outbox.drain();
    }

    public synchronized List<StateChange> drainStateChanges() {
        return journal.drainChanges();
    }

    public synchronized List<ApiCall> apiCalls() {
        return journal.calls();
    }

    public synchronized List<TaskStop> taskStops() {
        return journal.stops();
    }

    /** The next {@code times} calls of {@code operation} fail with ThrottlingException. */
    public synchronized void throttle(String operation, int times) {
        throttles.put(operation, times);
    }

    /** Faults and eventual consistency the world's endpoint shows its clients from now on. */
    public void inject(FaultInjector injector) {
        this.faults = injector;
    }

    public FaultInjector faults() {
        return faults;
    }

    /** Names who the API calls that follow come from (a function id while the runner invokes it). */
    public void actingAs(String caller) {
        this.actor = caller;
    }

    public String currentActor() {
        return actor;
    }

    /** Performs one ECS, Logs, CloudWatch, IAM, EC2, SNS or DynamoDB operation as {@code caller}, as the {@link Simulator} would. */
    public JsonNode call(String caller, String service, String operation, String requestJson) {
        return Simulator.call(this, caller, service, operation, requestJson);
    }

    /** A message an SNS topic of the account delivered (a FIFO topic's duplicates are not): what people were told. */
    public record Notification(Instant at, String caller, String topicArn, String subject, String message,
                               String messageId) {}

    /** What the account's FIFO topics remember of the messages they accepted. */
    FifoTopics fifoTopics() {
        return fifoTopics;
    }

    synchronized void recordNotification(Notification notification) {
        notifications.add(notification);
    }

    public synchronized List<Notification> notifications() {
        return List.copyOf(notifications);
    }

    public JsonNode call(String service, String operation, String requestJson) {
        return call(actor, service, operation, requestJson);
    }

    /** The account's DynamoDB tables (a stack's claims table). */
    public DynamoDbTables dynamoDb() {
        return dynamoDb;
    }

    /** IAM roles, VPC endpoints and cluster exec configuration: what the ExecuteCommandAgent needs to connect. */
    public ExecPrerequisites execPrerequisites() {
        return execPrerequisites;
    }

    public synchronized List<DeploymentView> deployments(String cluster, String service) {
        Service s = registry.requireCluster(cluster).requireService(service);
        return s.deployments.stream().map(d -> new DeploymentView(d.id, d.status, d.taskDef.arn, d.rolloutState,
                d.rolloutStateReason, d.failedTasks, d.rollback, d.createdAt)).toList();
    }

    public synchronized List<TaskView> tasks(String cluster, String service) {
        Service s = registry.requireCluster(cluster).requireService(service);
        return registry.tasksOf(s).stream().map(EcsWorld::view).toList();
    }

    public synchronized TaskView task(String taskId) {
        Task t = registry.task(taskId);
        return t == null ? null : view(t);
    }

    public synchronized boolean serving(String cluster, String service) {
        Service s = registry.requireCluster(cluster).requireService(service);
        return registry.tasksOf(s).stream().anyMatch(Task::servingTraffic);
    }

    /** The lines CloudWatch Logs holds for a group, oldest first. */
    public synchronized List<String> logLines(String group) {
        Map<String, List<LogStore.Event>> streams = logs.streams(group);
        if (streams == null) {
            return List.of();
        }
        return streams.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingLong(LogStore.Event::timestamp).thenComparingLong(LogStore.Event::sequence))
                .map(LogStore.Event::message).toList();
    }

    private static TaskView view(Task t) {
        return new TaskView(t.id, t.arn, t.startedBy(), t.taskDef.arn, t.lastStatus, t.desiredStatus, t.healthStatus,
                t.servingTraffic(), t.stopCode, t.stoppedReason, t.stoppedBy, t.enableExecuteCommand);
    }

    // What the API classes ask and tell the world, under its lock.

    List<String> clusterArns() {
        return registry.clusters().stream().map(c -> c.arn).toList();
    }

    Cluster requireCluster(String nameOrArn) {
        return registry.requireCluster(nameOrArn);
    }

    Cluster findCluster(String name) {
        return registry.findCluster(name);
    }

    /** Whether the cluster of this exact name has a service of this exact name. */
    boolean hasService(String cluster, String service) {
        Cluster c = registry.findCluster(cluster);
        return c != null && c.services.containsKey(service);
    }

    TaskDef resolveTaskDef(String ref) {
        return registry.resolveTaskDef(ref);
    }

    List<TaskDefinitionSpec> taskDefinitionsWithRole(String roleArn) {
        return registry.taskDefinitionsWithRole(roleArn);
    }

    /** The tasks of a cluster, in launch order, stopped ones included. */
    List<Task> tasksIn(Cluster c) {
        return registry.tasksIn(c);
    }

    List<Task> tasksOf(Service s) {
        return registry.tasksOf(s);
    }

    /** The task a request names by id or ARN in cluster {@code c}, while ECS still shows it; else null. */
    Task findTask(Cluster c, String idOrArn) {
        String id = idOrArn.contains("/") ? idOrArn.substring(idOrArn.lastIndexOf('/') + 1) : idOrArn;
        Task t = registry.task(id);
        if (t == null || t.cluster != c || !visible(t)) {
            return null;
        }
        return t;
    }

    /** Whether ECS still shows the task: stopped tasks stay visible for a retention period. */
    boolean visible(Task t) {
        return t.stoppedAt == null || now().isBefore(t.stoppedAt.plus(timings.stoppedTaskRetention()));
    }

    /** The streams of a log group by name, each oldest first; null when the group does not exist. */
    Map<String, List<LogStore.Event>> logStreams(String group) {
        return logs.streams(group);
    }

    void createLogGroup(String group) {
        logs.createGroup(group);
    }

    void stopTask(Task t, String caller, String reason) {
        lifecycle.requestStop(t, "UserInitiated", reason == null || reason.isBlank() ? "Task stopped by user" : reason,
                caller);
    }

    void updateService(Service s, TaskDef td, Integer desiredCount, Boolean enableExec, boolean force,
                       Integer minHealthy, Integer maxPercent, Boolean breaker, Boolean rollbackFlag) {
        scheduler.update(s, td, desiredCount, enableExec, force, minHealthy, maxPercent, breaker, rollbackFlag);
    }

    void change(String subject, String what) {
        journal.change(subject, what);
    }

    void cloudTrail(String caller, String eventName, ObjectNode request, ObjectNode response) {
        outbox.cloudTrail(caller, eventName, request, response);
    }

    String newEventId() {
        return outbox.newEventId();
    }

    /** Uses up one of the ThrottlingExceptions {@link #throttle} asked for, if any are left for the operation. */
    boolean throttled(String operation) {
        Integer left = throttles.get(operation);
        if (left == null || left <= 0) {
            return false;
        }
        throttles.put(operation, left - 1);
        return true;
    }

    void recordCall(ApiCall call) {
        journal.call(call);
    }
}
