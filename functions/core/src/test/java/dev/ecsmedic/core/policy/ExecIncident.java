package dev.ecsmedic.core.policy;

import static dev.ecsmedic.core.policy.Incident.DEF_NEW;
import static dev.ecsmedic.core.policy.Incident.DEF_OLD;
import static dev.ecsmedic.core.policy.Incident.NEW;
import static dev.ecsmedic.core.policy.Incident.NEW_TASK;
import static dev.ecsmedic.core.policy.Incident.OLD;
import static dev.ecsmedic.core.policy.Incident.OLD_TASK;

import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.TaskStatus;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import dev.ecsmedic.core.view.TaskView.ManagedAgent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident's second half, as views: 22:24 exec is enabled on the Prometheus service, whose one task was
 * started three days earlier without it. Each test moves the service along its timeline.
 */
final class ExecIncident {

    /** 22:25:41, when the UpdateService call that enabled exec was recorded by CloudTrail. */
    static final Instant ENABLED = Instant.parse("2025-11-13T22:25:41Z");
    static final Duration COOLDOWN = Duration.ofSeconds(900);

    final List<Deployment> deployments = new ArrayList<>();
    final List<TaskView> tasks = new ArrayList<>();
    final Map<String, TaskDefinitionView> definitions = new LinkedHashMap<>();
    boolean execOnService = true;
    String status = "ACTIVE";

    /** Exec enabled on the service; the old deployment is long COMPLETED and its task runs without exec. */
    static ExecIncident execJustEnabled() {
        ExecIncident i = new ExecIncident();
        Instant threeDaysAgo = ENABLED.minus(Duration.ofDays(3));
        i.deployments.add(new Deployment(OLD, DeploymentStatus.PRIMARY, RolloutState.COMPLETED, "ECS deployment " + OLD + " completed.",
                DEF_OLD, 1, 0, 1, 0, threeDaysAgo, threeDaysAgo.plusSeconds(90)));
        i.definitions.put(DEF_OLD, Incident.prometheus(DEF_OLD, "fs-0123456789abcdef0", "/prometheus"));
        i.tasks.add(task(OLD_TASK, DEF_OLD, OLD, "RUNNING", "RUNNING", threeDaysAgo, false, ""));
        return i;
    }

    /** The forced deployment at 22:26: the old deployment ACTIVE, the new one PRIMARY and IN_PROGRESS. */
    ExecIncident forced() {
        Deployment old = deployments.remove(0);
        deployments.add(new Deployment(NEW, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS, "ECS deployment " + NEW + " in progress.",
                DEF_NEW, 1, 1, 0, 0, ENABLED.plusSeconds(19), ENABLED.plusSeconds(19)));
        deployments.add(new Deployment(old.id(), DeploymentStatus.ACTIVE, old.rolloutState(), old.rolloutStateReason(),
                old.taskDefinition(), 1, 0, 1, 0, old.createdAt(), old.updatedAt()));
        definitions.put(DEF_NEW, Incident.prometheus(DEF_NEW, "fs-0123456789abcdef0", "/prometheus"));
        return this;
    }

    /**
     * 22:35: the new deployment is {@code state}; its task b483... runs with {@code taskExec} and an agent in
     * {@code agentStatus}; the old task is gone.
     */
    ExecIncident rolloutDone(String state, boolean taskExec, String agentStatus) {
        Deployment primary = deployments.get(0);
        deployments.clear();
        deployments.add(new Deployment(primary.id(), DeploymentStatus.PRIMARY, RolloutState.of(state),
                "ECS deployment " + primary.id() + " " + state.toLowerCase() + ".", primary.taskDefinition(), 1, 0, 1, 0, primary.createdAt(),
                ENABLED.plusSeconds(585)));
        tasks.clear();
        tasks.add(task(NEW_TASK, DEF_NEW, primary.id(), "RUNNING", "RUNNING", ENABLED.plusSeconds(400), taskExec,
                agentStatus));
        return this;
    }

    static TaskView task(String arn, String def, String deployment, String last, String desired, Instant created,
                         boolean exec, String agentStatus) {
        List<ManagedAgent> agents = agentStatus.isEmpty() ? List.of()
                : List.of(new ManagedAgent(ExecReadiness.AGENT, agentStatus, "", Optional.of(created.plusSeconds(30))));
        return new TaskView(arn, def, "service:prometheus", deployment, TaskStatus.of(last), TaskStatus.of(desired),
                HealthStatus.HEALTHY, exec, "FARGATE",
                "1.4.0", Optional.of(created), Optional.of(created.plusSeconds(20)), Optional.empty(), "", "",
                List.of(new ContainerView("prometheus", Optional.empty(), "", last, "HEALTHY", agents)),
                "subnet-0a1b2c3d4e5f60718", "");
    }

    ServiceView view() {
        return new ServiceView("observability", "prometheus", status, execOnService, 1, deployments, tasks,
                definitions);
    }
}
