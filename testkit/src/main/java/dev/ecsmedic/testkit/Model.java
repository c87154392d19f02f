package dev.ecsmedic.testkit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mutable state of the simulated account; the world, its service scheduler and its task lifecycle change it,
 * always under the world's lock.
 */
final class Model {
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "123456789012";
    static final String ARN_PREFIX = "arn:aws:ecs:" + REGION + ":" + ACCOUNT + ":";

    private Model() {
    }

    static final class Cluster {
        final String name;
        final String arn;
        final Map<String, Service> services = new LinkedHashMap<>();
        final Map<String, String> tags = new LinkedHashMap<>();

        Cluster(String name) {
            this.name = name;
            this.arn = ARN_PREFIX + "cluster/" + name;
        }

        /** The service a request names by name or ARN, or null; an ARN must be of this cluster. */
        Service service(String nameOrArn) {
            if (nameOrArn == null) {
                return null;
            }
            String name = nameOrArn;
            if (name.startsWith("arn:")) {
                if (!name.startsWith(arn.replace(":cluster/", ":service/") + "/")
                        && !name.matches("arn:aws:ecs:[^:]+:\\d+:service/[^/]+$")) {
                    return null;
                }
                name = name.substring(name.lastIndexOf('/') + 1);
            }
            return services.get(name);
        }

        Service requireService(String nameOrArn) {
            Service s = service(nameOrArn);
            if (s == null) {
                throw AwsError.serviceNotFound();
            }
            return s;
        }
    }

    static final class TaskDef {
        final TaskDefinitionSpec spec;
        final int revision;
        final String arn;
        final Instant registeredAt;

        TaskDef(TaskDefinitionSpec spec, int revision, Instant registeredAt) {
            this.spec = spec;
            this.revision = revision;
            this.arn = ARN_PREFIX + "task-definition/" + spec.family() + ":" + revision;
            this.registeredAt = registeredAt;
        }

        boolean hasHealthCheck() {
            return spec.containers().stream().anyMatch(c -> c.essential() && c.healthCheck() != null);
        }
    }

    static final class Service {
        final Cluster cluster;
        final String name;
        final String arn;
        final Instant createdAt;
        TaskDef taskDef;
        int desiredCount;
        int minimumHealthyPercent;
        int maximumPercent;
        boolean circuitBreaker;
        boolean rollback;
        boolean enableExecuteCommand;
        final List<Deployment> deployments = new ArrayList<>();
        final List<ServiceEventMessage> events = new ArrayList<>();
        final Map<String, String> tags = new LinkedHashMap<>();
        int consecutiveFailures;
        Instant nextLaunchAt = Instant.EPOCH;
        boolean steady;

        Service(Cluster cluster, String name, Instant createdAt) {
            this.cluster = cluster;
            this.name = name;
            this.arn = ARN_PREFIX + "service/" + cluster.name + "/" + name;
            this.createdAt = createdAt;
        }

        Deployment primary() {
            return deployments.stream().filter(d -> d.status.equals("PRIMARY")).findFirst().orElse(null);
        }
    }

    record ServiceEventMessage(String id, Instant createdAt, String message) {
    }

    static final class Deployment {
        final String id;
        final TaskDef taskDef;
        final Instant createdAt;
        final boolean rollback;
        String status = "PRIMARY";
        String rolloutState = "IN_PROGRESS";
        String rolloutStateReason;
        int desiredCount;
        int failedTasks;
        Instant updatedAt;

        Deployment(String id, TaskDef taskDef, Instant createdAt, int desiredCount, boolean rollback) {
            this.id = id;
            this.taskDef = taskDef;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
            this.desiredCount = desiredCount;
            this.rollback = rollback;
        }
    }

    static final class Container {
        final ContainerSpec spec;
        final String arn;
        final String runtimeId;
        String lastStatus = "PENDING";
        Integer exitCode;
        String reason;
        String healthStatus = "UNKNOWN";
        String agentStatus;
        Instant agentStartedAt;

        Container(ContainerSpec spec, String arn, String runtimeId) {
            this.spec = spec;
            this.arn = arn;
            this.runtimeId = runtimeId;
        }
    }

    static final class Task {
        final String id;
        final int number;
        final String arn;
        final Cluster cluster;
        final Service service;
        final Deployment deployment;
        final TaskDef taskDef;
        final List<Container> containers = new ArrayList<>();
        final boolean enableExecuteCommand;
        final Instant createdAt;
        String lastStatus = "PROVISIONING";
        String desiredStatus = "RUNNING";
        String healthStatus = "UNKNOWN";
        int version = 1;
        Instant updatedAt;
        Instant connectivityAt;
        Instant pullStartedAt;
        Instant pullStoppedAt;
        Instant startedAt;
        Instant stoppingAt;
        Instant executionStoppedAt;
        Instant stoppedAt;
        String stopCode;
        String stoppedReason;
        String stoppedBy;
        boolean becameHealthy;

        /** {@code number} is the task's place in launch order, counting from 0. */
        Task(String id, int number, Cluster cluster, Service service, Deployment deployment, TaskDef taskDef,
             boolean enableExecuteCommand, Instant createdAt) {
            this.id = id;
            this.number = number;
            this.arn = ARN_PREFIX + "task/" + cluster.name + "/" + id;
            this.cluster = cluster;
            this.service = service;
            this.deployment = deployment;
            this.taskDef = taskDef;
            this.enableExecuteCommand = enableExecuteCommand;
            this.createdAt = createdAt;
            this.updatedAt = createdAt;
        }

        boolean live() {
            return desiredStatus.equals("RUNNING");
        }

        /** Whether a load balancer would send it requests: running, and healthy when it has a health check. */
        boolean servingTraffic() {
            return live() && lastStatus.equals("RUNNING") && !healthStatus.equals("UNHEALTHY")
                    && (!taskDef.hasHealthCheck() || healthStatus.equals("HEALTHY"));
        }

        String group() {
            return service != null ? "service:" + service.name : "family:" + taskDef.spec.family();
        }

        String startedBy() {
            return deployment != null ? deployment.id : null;
        }
    }
}
