package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsmedic.testkit.Model.Container;
import dev.ecsmedic.testkit.Model.Deployment;
import dev.ecsmedic.testkit.Model.Service;
import dev.ecsmedic.testkit.Model.Task;
import dev.ecsmedic.testkit.Model.TaskDef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ECS shapes written from the API reference (Task, Service, Deployment, TaskDefinition) and from the
 * EventBridge event examples; one writer per shape, used by both the API and the events.
 */
final class Wire {
    private Wire() {
    }

    /** DescribeTasks item ({@code forEvent=false}) or ECS Task State Change detail ({@code forEvent=true}). */
    static ObjectNode task(Task t, boolean forEvent) {
        ObjectNode n = Json.obj();
        n.set("attachments", eniAttachment(t));
        n.set("attributes", Json.arr().add(Json.obj().put("name", "ecs.cpu-architecture").put("value", "x86_64")));
        n.put("availabilityZone", "us-east-1a");
        n.put("clusterArn", t.cluster.arn);
        n.put("connectivity", t.connectivityAt != null ? "CONNECTED" : "DISCONNECTED");
        time(n, "connectivityAt", t.connectivityAt, forEvent);
        ArrayNode containers = n.putArray("containers");
        for (Container c : t.containers) {
            containers.add(container(t, c, forEvent));
        }
        n.put("cpu", t.taskDef.spec.cpu());
        time(n, "createdAt", t.createdAt, forEvent);
        n.put("desiredStatus", t.desiredStatus);
        n.put("enableExecuteCommand", t.enableExecuteCommand);
        n.set("ephemeralStorage", Json.obj().put("sizeInGiB", 20));
        time(n, "executionStoppedAt", t.executionStoppedAt, forEvent);
        n.put("group", t.group());
        n.put("healthStatus", t.healthStatus);
        n.put("lastStatus", t.lastStatus);
        n.put("launchType", "FARGATE");
        n.put("memory", t.taskDef.spec.memory());
        ObjectNode overrides = n.putObject("overrides");
        ArrayNode containerOverrides = overrides.putArray("containerOverrides");
        t.containers.forEach(c -> containerOverrides.add(Json.obj().put("name", c.spec.name())));
        overrides.set("inferenceAcceleratorOverrides", Json.arr());
        n.put("platformVersion", t.taskDef.spec.platformVersion());
        n.put("platformFamily", t.taskDef.spec.platformFamily());
        time(n, "pullStartedAt", t.pullStartedAt, forEvent);
        time(n, "pullStoppedAt", t.pullStoppedAt, forEvent);
        time(n, "startedAt", t.startedAt, forEvent);
        if (t.startedBy() != null) {
            n.put("startedBy", t.startedBy());
        }
        if (t.stopCode != null) {
            n.put("stopCode", t.stopCode);
        }
        time(n, "stoppedAt", t.stoppedAt, forEvent);
        if (t.stoppedReason != null) {
            n.put("stoppedReason", t.stoppedReason);
        }
        time(n, "stoppingAt", t.stoppingAt, forEvent);
        if (!forEvent) {
            n.set("tags", Json.arr());
        }
        n.put("taskArn", t.arn);
        n.put("taskDefinitionArn", t.taskDef.arn);
        time(n, "updatedAt", t.updatedAt, forEvent);
        n.put("version", t.version);
        return n;
    }

    /** The awsvpc network interface of a Fargate task, in the shape DescribeTasks and task events give it. */
    private static ArrayNode eniAttachment(Task t) {
        String suffix = t.id.substring(0, 17);
        ObjectNode eni = Json.obj();
        eni.put("id", t.id.substring(0, 8) + "-" + t.id.substring(8, 12) + "-" + t.id.substring(12, 16) + "-"
                + t.id.substring(16, 20) + "-" + t.id.substring(20, 32));
        eni.put("type", "ElasticNetworkInterface");
        eni.put("status", t.stoppedAt != null ? "DELETED" : t.connectivityAt != null ? "ATTACHED" : "PRECREATED");
        ArrayNode details = eni.putArray("details");
        details.addObject().put("name", "subnetId").put("value", ExecPrerequisites.TASK_SUBNET);
        if (t.connectivityAt != null) {
            details.addObject().put("name", "networkInterfaceId").put("value", "eni-" + suffix);
            details.addObject().put("name", "macAddress").put("value", "0a:" + t.id.substring(0, 2) + ":"
                    + t.id.substring(2, 4) + ":" + t.id.substring(4, 6) + ":" + t.id.substring(6, 8) + ":1f");
            details.addObject().put("name", "privateDnsName").put("value", "ip-10-0-1-"
                    + (Integer.parseInt(t.id.substring(0, 2), 16) % 250 + 4) + ".ec2.internal");
            details.addObject().put("name", "privateIPv4Address").put("value", "10.0.1."
                    + (Integer.parseInt(t.id.substring(0, 2), 16) % 250 + 4));
        }
        return Json.arr().add(eni);
    }

    private static ObjectNode container(Task t, Container c, boolean forEvent) {
        ObjectNode n = Json.obj();
        n.put("containerArn", c.arn);
        n.put("taskArn", t.arn);
        n.put("name", c.spec.name());
        n.put("image", c.spec.image());
        if (!c.lastStatus.equals("PENDING")) {
            n.put("imageDigest", "sha256:" + c.runtimeId.substring(0, 32) + c.runtimeId.substring(0, 32));
            n.put("runtimeId", t.id + "-" + c.runtimeId.substring(0, 10));
        }
        n.put("lastStatus", c.lastStatus);
        if (c.exitCode != null) {
            n.put("exitCode", c.exitCode);
        }
        if (c.reason != null) {
            n.put("reason", c.reason);
        }
        n.set("networkInterfaces", Json.arr());
        n.put("healthStatus", c.healthStatus);
        if (c.agentStatus != null) {
            ObjectNode agent = Json.obj();
            time(agent, "lastStartedAt", c.agentStartedAt, forEvent);
            agent.put("name", "ExecuteCommandAgent");
            agent.put(forEvent ? "status" : "lastStatus", c.agentStatus);
            n.set("managedAgents", Json.arr().add(agent));
        }
        n.put("cpu", "0");
        return n;
    }

    private static void time(ObjectNode n, String field, Instant t, boolean iso) {
        if (iso) {
            Json.putIso(n, field, t);
        } else {
            Json.putSeconds(n, field, t);
        }
    }

    static ObjectNode service(Service s, List<Task> tasks) {
        ObjectNode n = Json.obj();
        n.put("serviceArn", s.arn);
        n.put("serviceName", s.name);
        n.put("clusterArn", s.cluster.arn);
        n.set("loadBalancers", Json.arr());
        n.set("serviceRegistries", Json.arr());
        n.put("status", "ACTIVE");
        n.put("desiredCount", s.desiredCount);
        n.put("runningCount", tasks.stream().filter(t -> t.lastStatus.equals("RUNNING")).count());
        n.put("pendingCount", tasks.stream().filter(t -> t.live() && pending(t)).count());
        n.put("launchType", "FARGATE");
        n.put("platformVersion", "LATEST");
        n.put("platformFamily", "Linux");
        n.put("taskDefinition", s.taskDef.arn);
        ObjectNode config = n.putObject("deploymentConfiguration");
        config.putObject("deploymentCircuitBreaker").put("enable", s.circuitBreaker).put("rollback", s.rollback);
        config.put("maximumPercent", s.maximumPercent);
        config.put("minimumHealthyPercent", s.minimumHealthyPercent);
        ArrayNode deployments = n.putArray("deployments");
        for (Deployment d : s.deployments) {
            if (!d.status.equals("INACTIVE")) {
                deployments.add(deployment(d, tasks));
            }
        }
        ArrayNode events = n.putArray("events");
        for (int i = s.events.size() - 1; i >= 0 && events.size() < 100; i--) {
            Model.ServiceEventMessage e = s.events.get(i);
            ObjectNode event = events.addObject().put("id", e.id());
            Json.putSeconds(event, "createdAt", e.createdAt());
            event.put("message", e.message());
        }
        Json.putSeconds(n, "createdAt", s.createdAt);
        n.set("placementConstraints", Json.arr());
        n.set("placementStrategy", Json.arr());
        n.set("networkConfiguration", network());
        n.put("schedulingStrategy", "REPLICA");
        n.putObject("deploymentController").put("type", "ECS");
        n.put("createdBy", "arn:aws:iam::" + Model.ACCOUNT + ":role/terraform");
        n.put("enableECSManagedTags", false);
        n.put("propagateTags", "NONE");
        n.put("enableExecuteCommand", s.enableExecuteCommand);
        n.put("availabilityZoneRebalancing", "ENABLED");
        return n;
    }

    private static boolean pending(Task t) {
        return t.lastStatus.equals("PROVISIONING") || t.lastStatus.equals("PENDING")
                || t.lastStatus.equals("ACTIVATING");
    }

    private static ObjectNode network() {
        ObjectNode n = Json.obj();
        ObjectNode vpc = n.putObject("awsvpcConfiguration");
        vpc.set("subnets", Json.arr().add("subnet-0a1b2c3d4e5f60718"));
        vpc.set("securityGroups", Json.arr().add("sg-0f1e2d3c4b5a69788"));
        vpc.put("assignPublicIp", "DISABLED");
        return n;
    }

    static ObjectNode deployment(Deployment d, List<Task> serviceTasks) {
        List<Task> mine = serviceTasks.stream().filter(t -> t.deployment == d && t.live()).toList();
        ObjectNode n = Json.obj();
        n.put("id", d.id);
        n.put("status", d.status);
        n.put("taskDefinition", d.taskDef.arn);
        n.put("desiredCount", d.desiredCount);
        n.put("pendingCount", mine.stream().filter(Wire::pending).count());
        n.put("runningCount", mine.stream().filter(t -> t.lastStatus.equals("RUNNING")).count());
        n.put("failedTasks", d.failedTasks);
        Json.putSeconds(n, "createdAt", d.createdAt);
        Json.putSeconds(n, "updatedAt", d.updatedAt);
        n.put("launchType", "FARGATE");
        n.put("platformVersion", d.taskDef.spec.platformVersion());
        n.put("platformFamily", d.taskDef.spec.platformFamily());
        n.set("networkConfiguration", network());
        n.put("rolloutState", d.rolloutState);
        if (d.rolloutStateReason != null) {
            n.put("rolloutStateReason", d.rolloutStateReason);
        }
        return n;
    }

    static ObjectNode taskDefinition(TaskDef td) {
        TaskDefinitionSpec spec = td.spec;
        ObjectNode n = Json.obj();
        n.put("taskDefinitionArn", td.arn);
        if (!spec.operatingSystemFamily().isEmpty()) {
            n.putObject("runtimePlatform").put("cpuArchitecture", "X86_64")
                    .put("operatingSystemFamily", spec.operatingSystemFamily());
        }
        ArrayNode containers = n.putArray("containerDefinitions");
        for (ContainerSpec c : spec.containers()) {
            ObjectNode cn = containers.addObject();
            cn.put("name", c.name());
            cn.put("image", c.image());
            cn.put("cpu", 0);
            cn.set("portMappings", Json.arr());
            cn.put("essential", c.essential());
            cn.set("environment", Json.arr());
            ArrayNode mounts = cn.putArray("mountPoints");
            c.mountPoints().forEach(m -> mounts.addObject().put("sourceVolume", m.sourceVolume())
                    .put("containerPath", m.containerPath()).put("readOnly", m.readOnly()));
            cn.set("volumesFrom", Json.arr());
            if (!spec.windows()) {
                cn.putObject("linuxParameters").put("initProcessEnabled", c.initProcessEnabled());
            }
            cn.put("readonlyRootFilesystem", c.readonlyRootFilesystem());
            if (c.logConfig() != null) {
                ObjectNode log = cn.putObject("logConfiguration");
                log.put("logDriver", "awslogs");
                log.putObject("options").put("awslogs-group", c.logConfig().group())
                        .put("awslogs-region", c.logConfig().region())
                        .put("awslogs-stream-prefix", c.logConfig().streamPrefix());
                log.set("secretOptions", Json.arr());
            }
            if (c.healthCheck() != null) {
                ContainerSpec.HealthCheck h = c.healthCheck();
                ObjectNode hn = cn.putObject("healthCheck");
                ArrayNode command = hn.putArray("command");
                h.command().forEach(command::add);
                hn.put("interval", h.interval()).put("timeout", h.timeout()).put("retries", h.retries())
                        .put("startPeriod", h.startPeriod());
            }
            cn.set("systemControls", Json.arr());
        }
        n.put("family", spec.family());
        n.put("taskRoleArn", spec.taskRoleArn());
        n.put("executionRoleArn", spec.executionRoleArn());
        n.put("networkMode", "awsvpc");
        n.put("revision", td.revision);
        ArrayNode volumes = n.putArray("volumes");
        for (TaskDefinitionSpec.EfsVolume v : spec.volumes()) {
            ObjectNode vn = volumes.addObject().put("name", v.name());
            vn.putObject("efsVolumeConfiguration").put("fileSystemId", v.fileSystemId())
                    .put("rootDirectory", v.rootDirectory()).put("transitEncryption", "ENABLED");
        }
        n.put("status", "ACTIVE");
        ArrayNode requires = n.putArray("requiresAttributes");
        requires.addObject().put("name", "com.amazonaws.ecs.capability.logging-driver.awslogs");
        requires.addObject().put("name", "ecs.capability.efsAuth");
        requires.addObject().put("name", "ecs.capability.task-eni");
        n.set("placementConstraints", Json.arr());
        n.set("compatibilities", Json.arr().add("EC2").add("FARGATE"));
        n.set("requiresCompatibilities", Json.arr().add("FARGATE"));
        n.put("cpu", spec.cpu());
        n.put("memory", spec.memory());
        Json.putSeconds(n, "registeredAt", td.registeredAt);
        n.put("registeredBy", "arn:aws:iam::" + Model.ACCOUNT + ":role/terraform");
        return n;
    }

    static ObjectNode envelope(String id, String detailType, String source, Instant time, List<String> resources,
                               ObjectNode detail) {
        ObjectNode n = Json.obj();
        n.put("version", "0");
        n.put("id", id);
        n.put("detail-type", detailType);
        n.put("source", source);
        n.put("account", Model.ACCOUNT);
        n.put("time", Json.isoSeconds(time));
        n.put("region", Model.REGION);
        ArrayNode res = n.putArray("resources");
        resources.forEach(res::add);
        n.set("detail", detail);
        return n;
    }

    static ArrayNode tags(Map<String, String> tags) {
        ArrayNode a = Json.arr();
        tags.forEach((k, v) -> a.addObject().put("key", k).put("value", v));
        return a;
    }
}
