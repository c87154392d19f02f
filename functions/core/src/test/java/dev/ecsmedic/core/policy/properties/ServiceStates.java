package dev.ecsmedic.core.policy.properties;

import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.SchedulingStrategy;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskDefinitionView.AwsLogs;
import dev.ecsmedic.core.view.TaskDefinitionView.ContainerDefinition;
import dev.ecsmedic.core.view.TaskDefinitionView.EfsVolume;
import dev.ecsmedic.core.view.TaskDefinitionView.MountPoint;
import dev.ecsmedic.core.view.TaskStatus;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The service states ecs-medic's stale-lock decision is tried on, near its boundary: each choice below is one
 * thing ECS can show, and the generated {@link State} is the view, the log lines found and the settings.
 */
final class ServiceStates {

    static final String CLUSTER = "observability";
    static final String SERVICE = "prometheus";
    static final String ACCOUNT = "arn:aws:ecs:us-east-1:123456789012:";
    static final String LOG_GROUP = "/ecs/observability/prometheus";
    static final Instant T0 = Instant.parse("2025-11-13T22:26:00Z");
    static final Duration GRACE = Duration.ofSeconds(180);

    private ServiceStates() {}

    /** Where a task's lock lives: one EFS file system and directory (an access point stands for its own root). */
    enum Domain {
        DATA("fs-0aaaaaaaaaaaaaaaa", "/prometheus", ""),
        DATA_VIA_ACCESS_POINT("fs-0aaaaaaaaaaaaaaaa", "/", "fsap-0aaaaaaaaaaaaaaaa"),
        OTHER_DIRECTORY("fs-0aaaaaaaaaaaaaaaa", "/alertmanager", ""),
        OTHER_FILE_SYSTEM("fs-0bbbbbbbbbbbbbbbb", "/prometheus", "");

        final String fileSystem;
        final String root;
        final String accessPoint;

        Domain(String fileSystem, String root, String accessPoint) {
            this.fileSystem = fileSystem;
            this.root = root;
            this.accessPoint = accessPoint;
        }

        String volumeName() {
            return "efs-" + name().toLowerCase();
        }
    }

    /** Who mounts a declared EFS volume: the essential container, only the sidecar, or nobody. */
    enum Mount { ESSENTIAL, SIDECAR_ONLY, NOBODY }

    record Volume(Domain domain, Mount mount) {}

    /** A task definition: its EFS volumes, and whether a non-essential sidecar runs (with or without awslogs). */
    record Definition(List<Volume> volumes, boolean sidecar, boolean sidecarLogs) {

        Set<Domain> lockDomains() {
            Set<Domain> domains = new java.util.LinkedHashSet<>();
            volumes.stream().filter(v -> v.mount() == Mount.ESSENTIAL).forEach(v -> domains.add(v.domain()));
            return domains;
        }
    }

    /** A task's lastStatus and desiredStatus, every pair ECS's lifecycle goes through. */
    enum Lifecycle {
        PROVISIONING(TaskStatus.PROVISIONING, TaskStatus.RUNNING),
        PENDING(TaskStatus.PENDING, TaskStatus.RUNNING),
        ACTIVATING(TaskStatus.ACTIVATING, TaskStatus.RUNNING),
        RUNNING(TaskStatus.RUNNING, TaskStatus.RUNNING),
        RUNNING_ASKED_TO_STOP(TaskStatus.RUNNING, TaskStatus.STOPPED),
        DEACTIVATING(TaskStatus.DEACTIVATING, TaskStatus.STOPPED),
        STOPPING(TaskStatus.STOPPING, TaskStatus.STOPPED),
        DEPROVISIONING(TaskStatus.DEPROVISIONING, TaskStatus.STOPPED),
        STOPPED(TaskStatus.STOPPED, TaskStatus.STOPPED);

        final TaskStatus last;
        final TaskStatus desired;

        Lifecycle(TaskStatus last, TaskStatus desired) {
            this.last = last;
            this.desired = desired;
        }

        boolean goingDown() {
            return desired == TaskStatus.STOPPED;
        }
    }

    /** Why a task stopped (stopCode and stoppedReason), as ECS words it. */
    enum Stop {
        NONE("", ""),
        ESSENTIAL_EXITED("EssentialContainerExited", "Essential container in task exited"),
        FAILED_TO_START("TaskFailedToStart", "ResourceInitializationError: unable to pull secrets or registry auth"),
        CANNOT_PULL("TaskFailedToStart", "CannotPullContainerError: pull image manifest has been retried"),
        USER("UserInitiated", "Task stopped by user"),
        CONTAINER_HEALTH("ServiceSchedulerInitiated", "Task failed container health checks"),
        ELB_HEALTH("ServiceSchedulerInitiated", "Task failed ELB health checks in (target-group "
                + "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/prometheus/0123456789abcdef)"),
        SCALING("ServiceSchedulerInitiated", "Scaling activity initiated by (deployment ecs-svc/1)"),
        SPOT("SpotInterruption", "Your Spot Task was interrupted.");

        final String code;
        final String reason;

        Stop(String code, String reason) {
            this.code = code;
            this.reason = reason;
        }
    }

    /** A container's exit: none (never started or still running), a code, or killed for memory. */
    enum Exit {
        NONE(null, ""), ZERO(0, ""), ONE(1, ""), TWO(2, ""), KILLED(137, ""), TERMINATED(143, ""),
        OUT_OF_MEMORY(137, "OutOfMemoryError: Container killed due to memory usage");

        final Integer code;
        final String reason;

        Exit(Integer code, String reason) {
            this.code = code;
            this.reason = reason;
        }
    }

    /** What a log search could hand the policy for a task. */
    enum Evidence {
        NONE, OWN_STREAM, SIDECAR_STREAM, FROM_BEFORE_THE_PRIMARY, ANOTHER_TASKS_STREAM, FOUND_FOR_ANOTHER_TASK
    }

    /** Whose task it is: this service in this cluster, or one that only looks like it. */
    enum Owner { THIS_SERVICE, ANOTHER_SERVICE, ANOTHER_CLUSTER }

    /** One task; times in seconds after T0 (the PRIMARY deployment's creation). */
    record Task(Lifecycle lifecycle, HealthStatus health, Stop stop, Exit main, Exit sidecar, int createdAt,
                int stoppedAfter, Owner owner, Evidence evidence) {}

    /** One deployment with its tasks; an ACTIVE one runs the PRIMARY's revision or its own. */
    record Rollout(RolloutState state, int desiredCount, boolean sameRevisionAsPrimary, Definition definition,
                   List<Task> tasks) {}

    /** A whole generated service. */
    record Shape(DeploymentController controller, SchedulingStrategy strategy, Rollout primary,
                 List<Rollout> older, boolean requireEvidence, int now) {}

    /** The inputs of one decision. */
    record State(Shape shape, ServiceView view, Map<String, LockEvidence> evidence, Settings settings,
                 Instant now) {

        /** The shape says it all, and shrinks to something a person can read. */
        @Override
        public String toString() {
            return shape.toString();
        }
    }

    static Arbitrary<Definition> definitions() {
        Arbitrary<Volume> volume = Combinators.combine(Arbitraries.of(Domain.class), Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(Mount.ESSENTIAL)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Mount.SIDECAR_ONLY)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Mount.NOBODY)))).as(Volume::new);
        return Combinators.combine(volume.list().ofMinSize(0).ofMaxSize(2).uniqueElements(Volume::domain),
                Arbitraries.of(false, true), Arbitraries.of(false, true)).as(Definition::new);
    }

    static Arbitrary<Task> tasks() {
        return Combinators.combine(Arbitraries.of(Lifecycle.class), Arbitraries.of(HealthStatus.class),
                        Arbitraries.of(Stop.class), Arbitraries.of(Exit.class), Arbitraries.of(Exit.class),
                        Arbitraries.integers().between(-400, 400), Arbitraries.integers().between(1, 240),
                        Arbitraries.frequency(net.jqwik.api.Tuple.of(8, Owner.THIS_SERVICE),
                                net.jqwik.api.Tuple.of(1, Owner.ANOTHER_SERVICE),
                                net.jqwik.api.Tuple.of(1, Owner.ANOTHER_CLUSTER)))
                .flatAs((life, health, stop, main, sidecar, created, after, owner) -> Arbitraries.of(Evidence.class)
                        .map(e -> new Task(life, health, stop, main, sidecar, created, after, owner, e)));
    }

    static Arbitrary<Rollout> rollouts(Arbitrary<Task> tasks, int maxTasks) {
        return Combinators.combine(Arbitraries.of(RolloutState.class), Arbitraries.integers().between(1, 5),
                Arbitraries.of(false, true), definitions(), tasks.list().ofMaxSize(maxTasks)).as(Rollout::new);
    }

    /** Any service near the decision boundary: 1 to 3 deployments, every state, status and cause. */
    static Arbitrary<State> anyState() {
        Arbitrary<DeploymentController> controller = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(8, DeploymentController.ECS),
                net.jqwik.api.Tuple.of(1, DeploymentController.CODE_DEPLOY),
                net.jqwik.api.Tuple.of(1, DeploymentController.EXTERNAL));
        Arbitrary<SchedulingStrategy> strategy = Arbitraries.frequency(
                net.jqwik.api.Tuple.of(9, SchedulingStrategy.REPLICA),
                net.jqwik.api.Tuple.of(1, SchedulingStrategy.DAEMON));
        Arbitrary<Rollout> rollout = rollouts(tasks(), 3);
        return Combinators.combine(controller, strategy, rollout, rollout.list().ofMaxSize(2),
                Arbitraries.of(false, true), Arbitraries.integers().between(0, 600))
                .as(Shape::new).map(ServiceStates::build);
    }

    static State build(Shape shape) {
        Map<String, TaskDefinitionView> definitions = new LinkedHashMap<>();
        List<Deployment> deployments = new ArrayList<>();
        List<TaskView> tasks = new ArrayList<>();
        Map<String, LockEvidence> evidence = new LinkedHashMap<>();
        List<Rollout> all = new ArrayList<>();
        all.add(shape.primary());
        all.addAll(shape.older());
        String primaryRevision = revision(0);
        for (int d = 0; d < all.size(); d++) {
            Rollout r = all.get(d);
            String revision = d > 0 && r.sameRevisionAsPrimary() ? primaryRevision : revision(d);
            Definition definition = d > 0 && r.sameRevisionAsPrimary() ? shape.primary().definition() : r.definition();
            definitions.putIfAbsent(revision, definition(revision, definition));
            String id = "ecs-svc/" + (1000000000000000000L + d);
            Instant created = d == 0 ? T0 : T0.minus(Duration.ofDays(d));
            int running = 0;
            int pending = 0;
            for (int t = 0; t < r.tasks().size(); t++) {
                Task task = r.tasks().get(t);
                TaskView view = task(d, t, id, revision, definition, task);
                tasks.add(view);
                running += view.running() ? 1 : 0;
                pending += view.starting() ? 1 : 0;
                lockLine(view, task, definition).ifPresent(line -> evidence.put(view.taskArn(), line));
            }
            deployments.add(new Deployment(id, d == 0 ? DeploymentStatus.PRIMARY : DeploymentStatus.ACTIVE,
                    r.state(), "", revision, r.desiredCount(), pending, running, 0, created, created));
        }
        ServiceView view = new ServiceView(CLUSTER, SERVICE, "ACTIVE", false, shape.primary().desiredCount(),
                shape.controller(), shape.strategy(), deployments, tasks, definitions);
        Settings settings = new Settings(CLUSTER, Set.of(SERVICE), false, Settings.DEFAULT_LOCK_ERROR_PATTERN, GRACE,
                shape.requireEvidence(), false);
        return new State(shape, view, evidence, settings, T0.plusSeconds(shape.now()));
    }

    static String revision(int deployment) {
        return ACCOUNT + "task-definition/prometheus:" + (10 - deployment);
    }

    static String taskArn(int deployment, int task, Owner owner) {
        String cluster = owner == Owner.ANOTHER_CLUSTER ? "staging" : CLUSTER;
        return ACCOUNT + "task/" + cluster + "/" + deployment + task + "0f05430aaaabbbbccccddddeeeeff";
    }

    static TaskDefinitionView definition(String arn, Definition d) {
        List<EfsVolume> volumes = d.volumes().stream().map(v -> new EfsVolume(v.domain().volumeName(),
                v.domain().fileSystem, v.domain().root, v.domain().accessPoint)).toList();
        List<MountPoint> main = d.volumes().stream().filter(v -> v.mount() == Mount.ESSENTIAL)
                .map(v -> new MountPoint(v.domain().volumeName(), "/data/" + v.domain().name())).toList();
        List<MountPoint> side = d.volumes().stream().filter(v -> v.mount() == Mount.SIDECAR_ONLY)
                .map(v -> new MountPoint(v.domain().volumeName(), "/backup/" + v.domain().name())).toList();
        List<ContainerDefinition> containers = new ArrayList<>();
        containers.add(new ContainerDefinition("prometheus", true, true,
                Optional.of(new AwsLogs(LOG_GROUP, "us-east-1", "prometheus")), false, true, main));
        if (d.sidecar()) {
            containers.add(new ContainerDefinition("log-router", false, false, d.sidecarLogs()
                    ? Optional.of(new AwsLogs(LOG_GROUP, "us-east-1", "sidecar")) : Optional.empty(), false, false,
                    side));
        }
        return new TaskDefinitionView(arn, "prometheus", ACCOUNT.replace(":ecs:", ":iam:") + "role/prometheus",
                volumes, containers);
    }

    static TaskView task(int deployment, int index, String deploymentId, String revision, Definition definition,
                         Task t) {
        String arn = taskArn(deployment, index, t.owner());
        boolean down = t.lifecycle().goingDown() && t.stop() != Stop.NONE || t.lifecycle() == Lifecycle.STOPPED;
        Stop stop = down ? (t.stop() == Stop.NONE ? Stop.ESSENTIAL_EXITED : t.stop()) : Stop.NONE;
        Instant created = T0.plusSeconds(t.createdAt());
        Optional<Instant> stopped = t.lifecycle() == Lifecycle.STOPPED
                ? Optional.of(created.plusSeconds(t.stoppedAfter())) : Optional.empty();
        List<ContainerView> containers = new ArrayList<>();
        containers.add(new ContainerView("prometheus", down ? Optional.ofNullable(t.main().code) : Optional.empty(),
                down ? t.main().reason : "", t.lifecycle().last.name(), t.health().name(), List.of()));
        if (definition.sidecar()) {
            containers.add(new ContainerView("log-router", down ? Optional.ofNullable(t.sidecar().code)
                    : Optional.empty(), down ? t.sidecar().reason : "", t.lifecycle().last.name(), "UNKNOWN",
                    List.of()));
        }
        String group = "service:" + (t.owner() == Owner.ANOTHER_SERVICE ? "alertmanager" : SERVICE);
        boolean started = !t.lifecycle().last.starting();
        return new TaskView(arn, revision, group, deploymentId, t.lifecycle().last, t.lifecycle().desired,
                t.health(), false, "FARGATE", "1.4.0", Optional.of(created),
                started ? Optional.of(created.plusSeconds(20)) : Optional.empty(), stopped, stop.code, stop.reason,
                containers);
    }

    static Optional<LockEvidence> lockLine(TaskView task, Task t, Definition definition) {
        String message = "level=error err=\"opening storage failed: " + Settings.DEFAULT_LOCK_ERROR_PATTERN + "\"";
        Instant at = task.createdAt().orElseThrow().plusSeconds(5);
        String own = "prometheus/prometheus/" + task.id();
        return switch (t.evidence()) {
            case NONE -> Optional.empty();
            case OWN_STREAM -> Optional.of(new LockEvidence(task.taskArn(), LOG_GROUP, own, at, message));
            case SIDECAR_STREAM -> Optional.of(new LockEvidence(task.taskArn(), LOG_GROUP,
                    "sidecar/log-router/" + task.id(), at, message));
            case FROM_BEFORE_THE_PRIMARY -> Optional.of(new LockEvidence(task.taskArn(), LOG_GROUP, own,
                    T0.minusSeconds(30), message));
            case ANOTHER_TASKS_STREAM -> Optional.of(new LockEvidence(task.taskArn(), LOG_GROUP,
                    "prometheus/prometheus/ffff" + task.id().substring(4), at, message));
            case FOUND_FOR_ANOTHER_TASK -> Optional.of(new LockEvidence(task.taskArn() + "0", LOG_GROUP, own, at,
                    message));
        };
    }
}
