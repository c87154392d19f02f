package dev.ecsmedic.testkit;

import static java.util.Objects.requireNonNullElse;

import dev.ecsmedic.testkit.Model.Cluster;
import dev.ecsmedic.testkit.Model.Container;
import dev.ecsmedic.testkit.Model.Deployment;
import dev.ecsmedic.testkit.Model.Service;
import dev.ecsmedic.testkit.Model.Task;
import dev.ecsmedic.testkit.Model.TaskDef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ECS service scheduler: on every tick it starts the tasks a service's deployment lacks and stops old ones
 * within minimumHealthyPercent and maximumPercent, replaces tasks that fail their health checks, backs off after
 * failed starts, completes deployments, and fails (and rolls back) those the circuit breaker gives up on.
 */
final class ServiceScheduler implements TaskLifecycle.Listener {
    private final Context context;
    private final Registry registry;
    private final TaskLifecycle lifecycle;

    ServiceScheduler(Context context, Registry registry, TaskLifecycle lifecycle) {
        this.context = context;
        this.registry = registry;
        this.lifecycle = lifecycle;
    }

    /** CreateService: the service with its first deployment. */
    Service create(Cluster cluster, ServiceSpec spec, TaskDef td) {
        Service s = new Service(cluster, spec.name(), context.now());
        s.taskDef = td;
        s.desiredCount = spec.desiredCount();
        s.minimumHealthyPercent = spec.minimumHealthyPercent();
        s.maximumPercent = spec.maximumPercent();
        s.circuitBreaker = spec.circuitBreaker();
        s.rollback = spec.rollback();
        s.enableExecuteCommand = spec.enableExecuteCommand();
        cluster.services.put(s.name, s);
        startDeployment(s, s.taskDef, false);
        return s;
    }

    void tick(Instant now) {
        for (Cluster c : registry.clusters()) {
            for (Service s : c.services.values()) {
                schedule(s, now);
            }
        }
    }

    /** UpdateService: the fields a request sets (null: unchanged), then a new deployment if one is due. */
    void update(Service s, TaskDef td, Integer desiredCount, Boolean enableExec, boolean force,
                Integer minHealthy, Integer maxPercent, Boolean breaker, Boolean rollbackFlag) {
        s.enableExecuteCommand = requireNonNullElse(enableExec, s.enableExecuteCommand);
        s.minimumHealthyPercent = requireNonNullElse(minHealthy, s.minimumHealthyPercent);
        s.maximumPercent = requireNonNullElse(maxPercent, s.maximumPercent);
        s.circuitBreaker = requireNonNullElse(breaker, s.circuitBreaker);
        s.rollback = requireNonNullElse(rollbackFlag, s.rollback);
        if (desiredCount != null) {
            s.desiredCount = desiredCount;
            Deployment p = s.primary();
            if (p != null) {
                p.desiredCount = desiredCount;
                p.updatedAt = context.now();
            }
        }
        Deployment p = s.primary();
        if (force || (td != null && (p == null || p.taskDef != td))) {
            s.taskDef = td != null ? td : s.taskDef;
            startDeployment(s, s.taskDef, false);
        }
    }

    private void startDeployment(Service s, TaskDef td, boolean rollback) {
        Instant now = context.now();
        for (Deployment d : s.deployments) {
            if (d.status.equals("PRIMARY")) {
                d.status = registry.tasksOf(s).stream()
                        .anyMatch(t -> t.deployment == d && !t.lastStatus.equals("STOPPED")) ? "ACTIVE" : "INACTIVE";
                d.updatedAt = now;
            }
        }
        Deployment d = new Deployment(context.ids().deploymentId(), td, now, s.desiredCount, rollback);
        s.deployments.add(0, d);
        s.consecutiveFailures = 0;
        s.nextLaunchAt = now;
        s.steady = false;
        context.journal().change(s.name, "deployment " + d.id + " PRIMARY IN_PROGRESS (" + td.spec.family() + ":"
                + td.revision + (rollback ? ", rollback" : "") + ")");
        context.outbox().deploymentStateChange(s, d, "INFO", "SERVICE_DEPLOYMENT_IN_PROGRESS",
                "ECS deployment " + d.id + " in progress.");
    }

    private void schedule(Service s, Instant now) {
        Deployment p = s.primary();
        if (p == null) {
            return;
        }
        for (Task t : registry.tasksOf(s)) {
            if (t.live() && t.healthStatus.equals("UNHEALTHY")) {
                lifecycle.requestStop(t, "ServiceSchedulerInitiated", "Task failed container health checks",
                        EcsWorld.SCHEDULER);
                countFailure(t);
            }
        }
        List<Task> all = registry.tasksOf(s);
        if (s.circuitBreaker && p.rolloutState.equals("IN_PROGRESS")
                && p.failedTasks >= Math.min(200, Math.max(3, (s.desiredCount + 1) / 2))) {
            failDeployment(s, p);
            p = s.primary();
        }
        if (!p.rolloutState.equals("FAILED")) {
            final Deployment primary = p;
            long livePrimary = all.stream().filter(t -> t.deployment == primary && t.live()).count();
            long liveAll = all.stream().filter(Task::live).count();
            long maxAll = (long) Math.floor(s.desiredCount * s.maximumPercent / 100.0);
            long want = Math.min(p.desiredCount - livePrimary, maxAll - liveAll);
            if (want > 0 && !now.isBefore(s.nextLaunchAt)) {
                if (s.consecutiveFailures >= 2) {
                    serviceEvent(s, "(service " + s.name + ") is unable to consistently start tasks successfully.");
                    context.outbox().serviceAction(s, "WARN", "SERVICE_TASK_START_IMPAIRED");
                }
                List<String> started = new ArrayList<>();
                for (int i = 0; i < want; i++) {
                    started.add(launch(s, p).id);
                }
                serviceEvent(s, "(service " + s.name + ") has started " + want + " tasks: " + taskList(started) + ".");
            }
        }
        drainOldTasks(s, p, now);
        if (p.rolloutState.equals("IN_PROGRESS")) {
            final Deployment primary = p;
            List<Task> current = registry.tasksOf(s);
            long healthyPrimary = current.stream().filter(t -> t.deployment == primary && rolloutHealthy(t, now)).count();
            boolean othersGone = current.stream().noneMatch(t -> t.deployment != primary && !t.lastStatus.equals("STOPPED"));
            if (healthyPrimary >= p.desiredCount && othersGone) {
                completeDeployment(s, p);
            }
        }
    }

    private void drainOldTasks(Service s, Deployment p, Instant now) {
        List<Task> all = registry.tasksOf(s);
        int minHealthy = (int) Math.ceil(s.desiredCount * s.minimumHealthyPercent / 100.0);
        long healthy = all.stream().filter(t -> rolloutHealthy(t, now)).count();
        List<Task> old = all.stream().filter(t -> t.deployment != p && t.live())
                .sorted(Comparator.comparing((Task t) -> rolloutHealthy(t, now))).toList();
        List<String> stopped = new ArrayList<>();
        for (Task t : old) {
            boolean healthyTask = rolloutHealthy(t, now);
            if (!healthyTask || healthy - 1 >= minHealthy) {
                lifecycle.requestStop(t, "ServiceSchedulerInitiated",
                        "Scaling activity initiated by (deployment " + p.id + ")", EcsWorld.SCHEDULER);
                stopped.add(t.id);
                if (healthyTask) {
                    healthy--;
                }
            }
        }
        if (!stopped.isEmpty()) {
            serviceEvent(s, "(service " + s.name + ") has stopped " + stopped.size() + " running tasks: "
                    + taskList(stopped) + ".");
        }
    }

    private boolean rolloutHealthy(Task t, Instant now) {
        if (!t.live() || !t.lastStatus.equals("RUNNING")) {
            return false;
        }
        if (t.taskDef.hasHealthCheck()) {
            return t.healthStatus.equals("HEALTHY");
        }
        return !now.isBefore(t.startedAt.plus(context.timings().healthyWithoutCheck()));
    }

    private void failDeployment(Service s, Deployment p) {
        Instant now = context.now();
        p.rolloutState = "FAILED";
        p.rolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        p.updatedAt = now;
        Deployment lastCompleted = s.deployments.stream()
                .filter(d -> d != p && d.rolloutState.equals("COMPLETED")).findFirst().orElse(null);
        boolean rollingBack = s.rollback && lastCompleted != null && !p.rollback;
        context.journal().change(s.name, "deployment " + p.id + " FAILED (circuit breaker, " + p.failedTasks
                + " failed tasks)");
        context.outbox().deploymentStateChange(s, p, "ERROR", "SERVICE_DEPLOYMENT_FAILED", rollingBack
                ? "ECS deployment circuit breaker: rolling back to deploymentId " + lastCompleted.id + "."
                : "ECS deployment circuit breaker: tasks failed to start.");
        if (rollingBack) {
            s.taskDef = lastCompleted.taskDef;
            startDeployment(s, lastCompleted.taskDef, true);
        }
    }

    private void completeDeployment(Service s, Deployment p) {
        Instant now = context.now();
        p.rolloutState = "COMPLETED";
        p.rolloutStateReason = "ECS deployment " + p.id + " completed.";
        p.updatedAt = now;
        for (Deployment d : s.deployments) {
            if (d != p && !d.status.equals("INACTIVE")) {
                d.status = "INACTIVE";
                d.updatedAt = now;
            }
        }
        s.steady = true;
        context.journal().change(s.name, "deployment " + p.id + " COMPLETED");
        context.outbox().deploymentStateChange(s, p, "INFO", "SERVICE_DEPLOYMENT_COMPLETED",
                "ECS deployment " + p.id + " completed.");
        serviceEvent(s, "(service " + s.name + ") (deployment " + p.id + ") deployment completed.");
        serviceEvent(s, "(service " + s.name + ") has reached a steady state.");
        context.outbox().serviceAction(s, "INFO", "SERVICE_STEADY_STATE");
    }

    private Task launch(Service s, Deployment d) {
        Instant now = context.now();
        String id = context.ids().hex(32);
        Task t = new Task(id, registry.taskCount(), s.cluster, s, d, d.taskDef, s.enableExecuteCommand, now);
        for (ContainerSpec spec : d.taskDef.spec.containers()) {
            t.containers.add(new Container(spec, Model.ARN_PREFIX + "container/" + s.cluster.name + "/" + id + "/"
                    + context.ids().uuid(), context.ids().hex(64)));
        }
        registry.addTask(t);
        lifecycle.launched(t);
        return t;
    }

    @Override
    public void healthy(Task t) {
        if (t.service != null) {
            t.service.consecutiveFailures = 0;
        }
    }

    @Override
    public void essentialContainerExited(Task t) {
        countFailure(t);
    }

    /** A task that stopped before it was ever healthy counts against its deployment and delays the next launch. */
    private void countFailure(Task t) {
        if (!t.becameHealthy && t.deployment != null && t.service != null) {
            Instant now = context.now();
            t.deployment.failedTasks++;
            t.deployment.updatedAt = now;
            Service s = t.service;
            s.consecutiveFailures++;
            long factor = 1L << Math.min(10, s.consecutiveFailures - 1);
            Duration backoff = context.timings().firstRelaunchBackoff().multipliedBy(factor);
            if (backoff.compareTo(context.timings().maxRelaunchBackoff()) > 0) {
                backoff = context.timings().maxRelaunchBackoff();
            }
            s.nextLaunchAt = now.plus(backoff);
        }
    }

    private void serviceEvent(Service s, String message) {
        s.events.add(new Model.ServiceEventMessage(context.ids().uuid(), context.now(), message));
    }

    private static String taskList(List<String> taskIds) {
        return String.join(" ", taskIds.stream().map(id -> "(task " + id + ")").toList());
    }
}
