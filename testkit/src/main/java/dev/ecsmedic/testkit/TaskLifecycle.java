package dev.ecsmedic.testkit;

import dev.ecsmedic.testkit.Model.Container;
import dev.ecsmedic.testkit.Model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;

/**
 * The life of a Fargate task from PROVISIONING to STOPPED. Each status change, health check verdict, exec agent
 * start and container exit is a step on an {@link Agenda} at the instant it is due; a step the task has outgrown
 * by then (it was stopped, or left that status, meanwhile) does nothing when its turn comes.
 */
final class TaskLifecycle {

    /** What the service scheduler hears from the tasks it launched. */
    interface Listener {
        /** The task passed its health checks. */
        void healthy(Task t);

        /** An essential container exited, so the task is stopping. */
        void essentialContainerExited(Task t);
    }

    /** The kinds of step, in their precedence when one task has several due at once. */
    private enum Step { EXIT, HEALTHY, UNHEALTHY, AGENT_RUNNING, TRANSITION }

    private record Exit(Instant at, Container container, int exitCode, String reason, String logLine) {
    }

    private final Context context;
    private final LogStore logs;
    private final ExecPrerequisites execPrerequisites;
    private final EfsLocks locks = new EfsLocks();
    private final Agenda agenda = new Agenda();
    private Listener listener;

    TaskLifecycle(Context context, LogStore logs, ExecPrerequisites execPrerequisites) {
        this.context = context;
        this.logs = logs;
        this.execPrerequisites = execPrerequisites;
    }

    /** Whom to tell of its tasks' health and exits: the service scheduler, which is built after the lifecycle. */
    void reportTo(Listener newListener) {
        this.listener = newListener;
    }

    /** Runs the steps due by the current tick. */
    void tick(Instant now) {
        agenda.runUntil(now);
    }

    /** A task the scheduler just placed: PROVISIONING, in the registry. */
    void launched(Task t) {
        context.journal().change("task " + shortId(t), "PROVISIONING (" + t.deployment.id + ", "
                + t.taskDef.spec.family() + ":" + t.taskDef.revision + ")");
        context.outbox().taskStateChange(t);
        leaveAfter(t, context.timings().provisioning());
    }

    /** Sets the task's desired status to STOPPED; it then winds down from where it is. */
    void requestStop(Task t, String stopCode, String reason, String by) {
        if (!t.live()) {
            return;
        }
        Instant now = context.now();
        t.desiredStatus = "STOPPED";
        t.stoppingAt = now;
        t.stopCode = stopCode;
        t.stoppedReason = reason;
        t.stoppedBy = by;
        switch (t.lastStatus) {
            case "RUNNING" -> {
                t.lastStatus = "DEACTIVATING";
                leaveAfter(t, context.timings().deactivating());
            }
            case "PROVISIONING", "PENDING", "ACTIVATING" -> {
                t.lastStatus = "DEPROVISIONING";
                leaveAfter(t, context.timings().deprovisioning());
            }
            default -> {
            }
        }
        context.journal().stop(new EcsWorld.TaskStop(now, t.id, t.startedBy(), by, stopCode, reason));
        bump(t, t.lastStatus + " (" + stopCode + ": " + reason + ", by " + by + ")");
    }

    private void plan(Instant at, Task t, Step step, Runnable action) {
        agenda.plan(at, t.number, step.ordinal(), action);
    }

    /** Plans the task's next status change for when its present status has lasted {@code after}. */
    private void leaveAfter(Task t, Duration after) {
        String from = t.lastStatus;
        plan(context.now().plus(after), t, Step.TRANSITION, () -> {
            if (t.lastStatus.equals(from)) {
                transition(t);
            }
        });
    }

    /** Plans a step that happens only if the task is still meant to run by then. */
    private void whileLive(Instant at, Task t, Step step, Runnable action) {
        plan(at, t, step, () -> {
            if (t.live()) {
                action.run();
            }
        });
    }

    private void transition(Task t) {
        Instant now = context.now();
        switch (t.lastStatus) {
            case "PROVISIONING" -> {
                t.lastStatus = "PENDING";
                t.connectivityAt = now;
                t.pullStartedAt = now;
                leaveAfter(t, context.timings().pulling());
            }
            case "PENDING" -> {
                t.lastStatus = "ACTIVATING";
                t.pullStoppedAt = now;
                leaveAfter(t, context.timings().activating());
            }
            case "ACTIVATING" -> {
                t.lastStatus = "RUNNING";
                t.startedAt = now;
                start(t, now);
            }
            case "DEACTIVATING" -> {
                t.lastStatus = "STOPPING";
                leaveAfter(t, context.timings().stopping());
            }
            case "STOPPING" -> {
                t.lastStatus = "DEPROVISIONING";
                t.executionStoppedAt = now;
                for (Container c : t.containers) {
                    if (c.lastStatus.equals("RUNNING")) {
                        c.lastStatus = "STOPPED";
                        c.exitCode = c.spec.essential() ? c.spec.behavior().exitCodeOnSigterm() : 143;
                    }
                }
                leaveAfter(t, context.timings().deprovisioning());
            }
            case "DEPROVISIONING" -> {
                t.lastStatus = "STOPPED";
                t.stoppedAt = now;
                t.containers.stream().filter(c -> !c.lastStatus.equals("STOPPED")).forEach(c -> c.lastStatus = "STOPPED");
                locks.releaseAllOf(t.id, now.plus(context.timings().lockReleaseDelay()));
            }
            default -> throw new IllegalStateException("no transition from " + t.lastStatus);
        }
        bump(t, t.lastStatus);
    }

    private void start(Task t, Instant now) {
        for (Container c : t.containers) {
            c.lastStatus = "RUNNING";
            if (t.enableExecuteCommand) {
                c.agentStatus = "PENDING";
            }
        }
        if (t.enableExecuteCommand && execPrerequisites.agentCanConnect(t.cluster.name, t.taskDef.spec)) {
            whileLive(now.plus(context.timings().agentStart()), t, Step.AGENT_RUNNING, () -> agentRunning(t));
        }
        Start start = new Start(t, now);
        start.healthyAfter = t.containers.stream().map(c -> c.spec)
                .filter(c -> c.healthCheck() != null && c.essential()).map(c -> c.healthCheck().passesAfter())
                .max(Comparator.naturalOrder()).orElse(null);
        for (Container c : t.containers) {
            if (!c.spec.behavior().passesHealthCheck() && c.spec.healthCheck() != null && c.spec.essential()) {
                start.failHealthChecks(c);
            }
        }
        for (Container c : t.containers) {
            c.spec.behavior().start(start.container(c));
        }
        start.plan();
    }

    /** What a task's containers do as they start, gathered until all of them have started. */
    private final class Start {
        final Task task;
        final Instant now;
        Duration healthyAfter;
        Instant unhealthyAt;
        Exit exit;

        Start(Task task, Instant now) {
            this.task = task;
            this.now = now;
        }

        ContainerStart container(Container c) {
            return new Starting(c);
        }

        void failHealthChecks(Container c) {
            ContainerSpec.HealthCheck check = c.spec.healthCheck();
            healthyAfter = null;
            unhealthyAt = now.plusSeconds(check.startPeriod() + (long) check.interval() * check.retries());
        }

        /** The first essential container to exit stops the task; a non-essential one just stops, its agent too. */
        void exit(Container c, Instant at, int exitCode, String reason, String logLine) {
            if (!c.spec.essential()) {
                whileLive(at, task, Step.EXIT, () -> sidecarExit(task, new Exit(at, c, exitCode, reason, logLine)));
            } else if (exit == null || exit.at().isAfter(at)) {
                exit = new Exit(at, c, exitCode, reason, logLine);
            }
        }

        void plan() {
            if (healthyAfter != null) {
                whileLive(now.plus(healthyAfter), task, Step.HEALTHY, () -> healthy(task));
            }
            if (unhealthyAt != null) {
                whileLive(unhealthyAt, task, Step.UNHEALTHY, () -> unhealthy(task));
            }
            if (exit != null) {
                Exit e = exit;
                whileLive(e.at(), task, Step.EXIT, () -> containerExit(task, e));
            }
        }

        /** One of the task's containers, as its behaviour acts on it. */
        private final class Starting implements ContainerStart {
            private final Container container;

            Starting(Container container) {
                this.container = container;
            }

            @Override
            public Instant now() {
                return now;
            }

            @Override
            public Timings timings() {
                return context.timings();
            }

            @Override
            public void log(String line) {
                TaskLifecycle.this.log(task, container, now, line);
            }

            @Override
            public boolean tryLock(String volumeName) {
                return TaskLifecycle.this.tryLock(task, volumeName, now);
            }

            @Override
            public void exitAt(Instant at, int exitCode, String reason, String logLine) {
                exit(container, at, exitCode, reason, logLine);
            }

            @Override
            public boolean essentialWithHealthCheck() {
                return container.spec.essential() && container.spec.healthCheck() != null;
            }

            @Override
            public void failHealthChecks() {
                Start.this.failHealthChecks(container);
            }
        }
    }

    /** The lock of the EFS volume (file system and root directory) the task definition names, for this task. */
    private boolean tryLock(Task t, String volumeName, Instant now) {
        TaskDefinitionSpec.EfsVolume volume = t.taskDef.spec.volumes().stream()
                .filter(v -> v.name().equals(volumeName)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no EFS volume " + volumeName));
        return locks.tryAcquire(EfsLocks.key(volume.fileSystemId(), volume.rootDirectory()), t.id, now);
    }

    private void healthy(Task t) {
        t.healthStatus = "HEALTHY";
        t.containers.stream().filter(c -> c.spec.healthCheck() != null).forEach(c -> c.healthStatus = "HEALTHY");
        t.becameHealthy = true;
        listener.healthy(t);
        bump(t, "HEALTHY");
    }

    private void unhealthy(Task t) {
        t.healthStatus = "UNHEALTHY";
        t.containers.stream().filter(c -> c.spec.healthCheck() != null).forEach(c -> c.healthStatus = "UNHEALTHY");
        bump(t, "UNHEALTHY");
    }

    private void agentRunning(Task t) {
        Instant now = context.now();
        t.containers.stream().filter(c -> c.lastStatus.equals("RUNNING") && ExecPrerequisites.agentCanWrite(c.spec))
                .forEach(c -> {
                    c.agentStatus = "RUNNING";
                    c.agentStartedAt = now;
                });
        bump(t, "ExecuteCommandAgent RUNNING");
    }

    private void sidecarExit(Task t, Exit e) {
        Container c = stopContainer(t, e);
        if (c.agentStatus != null) {
            c.agentStatus = "STOPPED";
        }
        bump(t, c.spec.name() + " exited " + e.exitCode());
    }

    private Container stopContainer(Task t, Exit e) {
        Container c = e.container();
        if (e.logLine() != null) {
            log(t, c, context.now(), e.logLine());
        }
        c.lastStatus = "STOPPED";
        c.exitCode = e.exitCode();
        c.reason = e.reason();
        return c;
    }

    private void containerExit(Task t, Exit e) {
        stopContainer(t, e);
        requestStop(t, "EssentialContainerExited", "Essential container in task exited", EcsWorld.CONTAINER_EXIT);
        listener.essentialContainerExited(t);
    }

    private void bump(Task t, String what) {
        t.version++;
        t.updatedAt = context.now();
        context.journal().change("task " + shortId(t), what);
        context.outbox().taskStateChange(t);
    }

    private void log(Task t, Container c, Instant at, String line) {
        ContainerSpec.LogConfig config = c.spec.logConfig();
        if (config != null) {
            logs.put(config.group(), config.streamPrefix() + "/" + c.spec.name() + "/" + t.id, at.toEpochMilli(), line);
        }
    }

    private static String shortId(Task t) {
        return t.id.substring(0, 8);
    }
}
