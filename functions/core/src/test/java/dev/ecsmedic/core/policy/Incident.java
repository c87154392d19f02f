package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.TaskStatus;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskDefinitionView.AwsLogs;
import dev.ecsmedic.core.view.TaskDefinitionView.ContainerDefinition;
import dev.ecsmedic.core.view.TaskDefinitionView.EfsVolume;
import dev.ecsmedic.core.view.TaskDefinitionView.MountPoint;
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

/** The incident's service, as views the policy decides from: built up step by step in each test. */
final class Incident {

    static final Instant T0 = Instant.parse("2025-11-13T22:26:00Z");
    static final String OLD = "ecs-svc/2387510247986212345";
    static final String NEW = "ecs-svc/4913765226784567890";
    static final String DEF_OLD = "arn:aws:ecs:us-east-1:123456789012:task-definition/prometheus:6";
    static final String DEF_NEW = "arn:aws:ecs:us-east-1:123456789012:task-definition/prometheus:7";
    static final String OLD_TASK = "arn:aws:ecs:us-east-1:123456789012:task/observability/70f05430aaaabbbbccccddddeeeeffff";
    static final String NEW_TASK = "arn:aws:ecs:us-east-1:123456789012:task/observability/b483c64d26044da4a545f6bdde554eca";
    static final Settings SETTINGS = new Settings("observability", Set.of("prometheus"), false,
            Settings.DEFAULT_LOCK_ERROR_PATTERN, Duration.ofSeconds(180), true, false);

    final List<Deployment> deployments = new ArrayList<>();
    final List<TaskView> tasks = new ArrayList<>();
    final Map<String, TaskDefinitionView> definitions = new LinkedHashMap<>();
    String status = "ACTIVE";

    static Incident rollingDeployment() {
        Incident i = new Incident();
        i.deployments.add(new Deployment(NEW, DeploymentStatus.PRIMARY, RolloutState.IN_PROGRESS, "ECS deployment " + NEW + " in progress.",
                DEF_NEW, 1, 0, 0, 1, T0, T0.plusSeconds(60)));
        i.deployments.add(new Deployment(OLD, DeploymentStatus.ACTIVE, RolloutState.COMPLETED, "", DEF_OLD, 1, 0, 1, 0,
                T0.minus(Duration.ofDays(3)), T0.minus(Duration.ofDays(3))));
        i.definitions.put(DEF_OLD, prometheus(DEF_OLD, "fs-0123456789abcdef0", "/prometheus"));
        i.definitions.put(DEF_NEW, prometheus(DEF_NEW, "fs-0123456789abcdef0", "/prometheus"));
        i.tasks.add(task(OLD_TASK, DEF_OLD, OLD, "RUNNING", "RUNNING", T0.minus(Duration.ofDays(3)), null, "", 0));
        return i;
    }

    static TaskDefinitionView prometheus(String arn, String fs, String root) {
        return new TaskDefinitionView(arn, "prometheus", "arn:aws:iam::123456789012:role/prometheus-task",
                List.of(new EfsVolume("prometheus-data", fs, root)),
                List.of(new ContainerDefinition("prometheus", true, false,
                        Optional.of(new AwsLogs("/ecs/observability/prometheus", "us-east-1", "prometheus")),
                        false, false, List.of(new MountPoint("prometheus-data", "/prometheus")))));
    }

    static TaskView task(String arn, String def, String deployment, String last, String desired, Instant created,
                         Instant stopped, String stopCode, Integer exitCode) {
        return task(arn, def, deployment, last, desired, created, stopped, stopCode, exitCode, "");
    }

    static TaskView task(String arn, String def, String deployment, String last, String desired, Instant created,
                         Instant stopped, String stopCode, Integer exitCode, String containerReason) {
        return new TaskView(arn, def, "service:prometheus", deployment, TaskStatus.of(last), TaskStatus.of(desired),
                HealthStatus.UNKNOWN, false, "FARGATE",
                "1.4.0", Optional.of(created), Optional.of(created.plusSeconds(20)), Optional.ofNullable(stopped),
                stopCode, stopCode.isEmpty() ? "" : "Essential container in task exited",
                List.of(new ContainerView("prometheus", stopped == null ? Optional.empty() : Optional.ofNullable(exitCode),
                        containerReason, last, "UNKNOWN", List.of())));
    }

    Incident newTaskExited(int exitCode) {
        tasks.add(task(NEW_TASK, DEF_NEW, NEW, "STOPPED", "STOPPED", T0.plusSeconds(10), T0.plusSeconds(75),
                "EssentialContainerExited", exitCode));
        return this;
    }

    Incident newTaskPending(Instant created) {
        tasks.add(task(NEW_TASK, DEF_NEW, NEW, "PENDING", "RUNNING", created, null, "", 0));
        return this;
    }

    static LockEvidence lockLine() {
        return new LockEvidence(NEW_TASK, "/ecs/observability/prometheus",
                "prometheus/prometheus/b483c64d26044da4a545f6bdde554eca", T0.plusSeconds(70),
                "ts=2025-11-13T22:32:37.042Z caller=main.go:1159 level=error err=\"opening storage failed: "
                        + "lock DB directory: resource temporarily unavailable\"");
    }

    ServiceView view() {
        return new ServiceView("observability", "prometheus", status, false, 1, deployments, tasks, definitions);
    }
}
