package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.policy.Check.Status;
import dev.ecsmedic.core.policy.ExecFacts.ClusterExec;
import dev.ecsmedic.core.policy.ExecFacts.Network;
import dev.ecsmedic.core.policy.ExecFacts.RolePermissions;
import dev.ecsmedic.core.policy.ExecFacts.TaskFacts;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskDefinitionView.ContainerDefinition;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges whether ECS Exec can connect to a service's tasks, from facts already read: each check is one known
 * cause of TargetNotConnectedException, with what was seen and how to fix it. Pure.
 */
public final class ExecReadiness {

    public static final String AGENT = "ExecuteCommandAgent";
    public static final List<String> SSM_MESSAGES_ACTIONS = List.of("ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");
    public static final String KMS_DECRYPT = "kms:Decrypt";

    /** The agent may take 30-60 s to connect after the task starts; until then a missing RUNNING is a warning. */
    static final Duration AGENT_START_GRACE = Duration.ofSeconds(120);

    private static final String CAUSE = "a known cause of TargetNotConnectedException";
    private static final int[] FARGATE_MIN = {1, 4, 0};
    private static final int[] AGENT_MIN = {1, 50, 2};

    private ExecReadiness() {}

    public static List<Check> check(ExecFacts facts, Instant now) {
        List<Check> checks = new ArrayList<>();
        checks.add(cluster(facts.cluster(), facts.clusterExec()));
        Map<String, TaskDefinitionView> definitions = new LinkedHashMap<>();
        Map<String, RolePermissions> roles = new LinkedHashMap<>();
        Map<String, Network> networks = new LinkedHashMap<>();
        for (TaskFacts task : facts.tasks()) {
            checks.add(execEnabled(task.task()));
            checks.addAll(agents(task.task(), now));
            checks.add(version(task));
            task.definition().ifPresent(d -> definitions.putIfAbsent(d.arn(), d));
            roles.putIfAbsent(task.role().roleArn(), task.role());
            networks.putIfAbsent(task.network().vpcId().isEmpty() ? "subnet:" + task.network().subnetId()
                    : task.network().vpcId(), task.network());
        }
        definitions.values().forEach(d -> checks.addAll(containers(d)));
        String kmsKey = facts.clusterExec().kmsKeyId();
        roles.values().forEach(r -> checks.addAll(role(r, kmsKey)));
        networks.values().forEach(n -> checks.add(endpoint(n, facts.region())));
        return checks;
    }

    private static Check cluster(String cluster, ClusterExec exec) {
        String target = "cluster/" + cluster;
        if (!exec.known()) {
            return new Check("cluster-exec-configuration", target, Status.WARN, "cluster executeCommandConfiguration "
                    + "unknown: " + exec.note(), "allow ecs:DescribeClusters on the cluster");
        }
        String logging = exec.logging().isEmpty() ? "DEFAULT" : exec.logging();
        String kms = exec.kmsKeyId().isEmpty() ? "no KMS key" : "KMS key " + exec.kmsKeyId()
                + " (the task role needs kms:Decrypt)";
        if ("OVERRIDE".equals(logging)) {
            return new Check("cluster-exec-configuration", target, Status.WARN, "logging OVERRIDE, " + kms
                    + ": the task role also needs write access to the configured CloudWatch Logs group or S3 "
                    + "bucket (not simulated); a missing one is " + CAUSE,
                    "grant the task role logs:CreateLogStream/PutLogEvents or s3:PutObject on the configured "
                            + "destination");
        }
        return new Check("cluster-exec-configuration", target, Status.PASS, "logging " + logging + ", " + kms, "");
    }

    private static Check execEnabled(TaskView task) {
        return task.enableExecuteCommand()
                ? new Check(ExecRolloutPolicy.EXEC_ENABLED, "task/" + task.id(), Status.PASS,
                        "enableExecuteCommand=true", "")
                : new Check(ExecRolloutPolicy.EXEC_ENABLED, "task/" + task.id(), Status.FAIL,
                        "enableExecuteCommand=false: the task started before exec was enabled on the service",
                        "force a new deployment of the service");
    }

    private static List<Check> agents(TaskView task, Instant now) {
        if (!task.enableExecuteCommand()) {
            return List.of();
        }
        boolean starting = task.startedAt().map(at -> at.plus(AGENT_START_GRACE).isAfter(now)).orElse(true);
        List<Check> checks = new ArrayList<>();
        for (ContainerView container : task.containers()) {
            String target = "task/" + task.id() + "/" + container.name();
            Optional<TaskView.ManagedAgent> agent = container.managedAgents().stream()
                    .filter(a -> AGENT.equals(a.name())).findFirst();
            String status = agent.map(TaskView.ManagedAgent::lastStatus).filter(s -> !s.isEmpty()).orElse("absent");
            if ("RUNNING".equals(status)) {
                checks.add(new Check("execute-command-agent", target, Status.PASS, AGENT + " RUNNING", ""));
                continue;
            }
            String reason = agent.map(TaskView.ManagedAgent::reason).filter(r -> !r.isEmpty())
                    .map(r -> " (" + r + ")").orElse("");
            checks.add(new Check("execute-command-agent", target, starting ? Status.WARN : Status.FAIL,
                    AGENT + " " + status + reason + (starting ? "; the task started less than "
                            + AGENT_START_GRACE.toSeconds() + " s ago and the agent may still be connecting"
                            : "; the agent never connected to Systems Manager, " + CAUSE),
                    "see the task role, VPC endpoint and platform checks; then replace the task"));
        }
        return checks;
    }

    private static Check version(TaskFacts facts) {
        TaskView task = facts.task();
        String target = "task/" + task.id();
        if ("FARGATE".equals(task.launchType()) || !task.platformVersion().isEmpty()) {
            String version = task.platformVersion();
            if ("LATEST".equals(version) || atLeast(version, FARGATE_MIN)) {
                return new Check("platform-version", target, Status.PASS, "Fargate platform version " + version, "");
            }
            return new Check("platform-version", target, Status.FAIL, "Fargate platform version "
                    + (version.isEmpty() ? "unknown" : version) + " is older than 1.4.0, which ECS Exec needs; "
                    + CAUSE, "set platformVersion LATEST (or 1.4.0) on the service and force a new deployment");
        }
        if (facts.agentVersion().isEmpty()) {
            return new Check("platform-version", target, Status.WARN, "ECS container agent version unknown "
                    + "(EC2); ECS Exec needs 1.50.2 or later", "check the instance's agent version");
        }
        String agent = facts.agentVersion().get();
        return atLeast(agent, AGENT_MIN)
                ? new Check("platform-version", target, Status.PASS, "ECS container agent " + agent, "")
                : new Check("platform-version", target, Status.FAIL, "ECS container agent " + agent
                        + " is older than 1.50.2, which ECS Exec needs; " + CAUSE,
                        "update the container agent (or the ECS-optimized AMI) on the instance");
    }

    private static List<Check> containers(TaskDefinitionView definition) {
        List<Check> checks = new ArrayList<>();
        String family = definition.family().isEmpty() ? definition.arn() : definition.family();
        for (ContainerDefinition c : definition.containers()) {
            String target = "task-definition/" + family + "/" + c.name();
            checks.add(c.readonlyRootFilesystem()
                    ? new Check("readonly-root-filesystem", target, Status.FAIL, "readonlyRootFilesystem=true: the "
                            + "exec agent cannot write its files; " + CAUSE,
                            "set readonlyRootFilesystem to false on this container")
                    : new Check("readonly-root-filesystem", target, Status.PASS, "root filesystem writable", ""));
            checks.add(c.initProcessEnabled()
                    ? new Check("init-process", target, Status.PASS, "initProcessEnabled=true", "")
                    : new Check("init-process", target, Status.WARN, "initProcessEnabled is not set: exec "
                            + "sessions can leave zombie processes behind",
                            "set linuxParameters.initProcessEnabled to true"));
        }
        return checks;
    }

    private static List<Check> role(RolePermissions role, String kmsKey) {
        if (role.roleArn().isEmpty()) {
            return List.of(new Check("task-role-ssmmessages", "task role", Status.FAIL, "the task definition has "
                    + "no task role, so the exec agent cannot open ssmmessages channels; " + CAUSE,
                    "set taskRoleArn to a role that allows " + String.join(", ", SSM_MESSAGES_ACTIONS)));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(permissions("task-role-ssmmessages", role, SSM_MESSAGES_ACTIONS, "*"));
        if (!kmsKey.isEmpty()) {
            checks.add(permissions("task-role-kms-decrypt", role, List.of(KMS_DECRYPT), kmsKey));
        }
        return checks;
    }

    private static Check permissions(String name, RolePermissions role, List<String> actions, String resource) {
        if (role.decisions().isEmpty()) {
            return new Check(name, role.roleArn(), Status.WARN, "could not simulate the task role's policies: "
                    + role.note(), "allow iam:SimulatePrincipalPolicy on the role, or check it allows "
                    + String.join(", ", actions) + " on " + resource);
        }
        List<String> missing = actions.stream()
                .filter(a -> !"allowed".equals(role.decisions().getOrDefault(a, "implicitDeny"))).toList();
        if (missing.isEmpty()) {
            return new Check(name, role.roleArn(), Status.PASS, "allows " + String.join(", ", actions), "");
        }
        List<String> described = missing.stream()
                .map(a -> a + " (" + role.decisions().getOrDefault(a, "not evaluated") + ")").toList();
        return new Check(name, role.roleArn(), Status.FAIL, "the task role lacks " + String.join(", ", described)
                + "; " + CAUSE, "allow " + String.join(", ", missing) + " on " + resource + " in the task role "
                + role.roleArn() + ", then replace the tasks");
    }

    private static Check endpoint(Network network, String region) {
        String service = "com.amazonaws." + region + ".ssmmessages";
        if (network.vpcId().isEmpty()) {
            return new Check("ssmmessages-endpoint", network.subnetId().isEmpty() ? "task network"
                    : "subnet/" + network.subnetId(), Status.WARN, "the task's VPC is unknown ("
                    + network.note() + "); it needs a " + service + " interface endpoint or outbound HTTPS (443)",
                    "check the VPC's endpoints and security group egress");
        }
        String target = "vpc/" + network.vpcId();
        if (network.interfaceEndpoints().isEmpty()) {
            return new Check("ssmmessages-endpoint", target, Status.PASS, "no interface endpoints in the VPC: the "
                    + "agent reaches ssmmessages over outbound HTTPS (443) through a NAT or internet gateway", "");
        }
        if (network.interfaceEndpoints().contains(service)) {
            return new Check("ssmmessages-endpoint", target, Status.PASS, "interface endpoint " + service, "");
        }
        return new Check("ssmmessages-endpoint", target, Status.FAIL, "the VPC uses interface endpoints ("
                + String.join(", ", network.interfaceEndpoints()) + ") but none for " + service + "; " + CAUSE,
                "create an interface VPC endpoint for " + service + " with private DNS in the tasks' subnets");
    }

    /** Dotted versions compared numerically; a leading {@code v} is ignored; unreadable means not at least. */
    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.startsWith("v") ? version.substring(1).split("\\.") : version.split("\\.");
        for (int i = 0; i < minimum.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i].replaceAll("[^0-9].*$", "")) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }
}
