package dev.ecsmedic.testkit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What ECS Exec depends on outside the task, in the simulated account: what task roles may do (beyond the
 * ssmmessages flag of their task definitions), the VPC the tasks run in ({@link VpcNetwork}), and each
 * cluster's executeCommandConfiguration. The ExecuteCommandAgent connects only when all of it allows.
 */
public final class ExecPrerequisites {
    public static final String TASK_SUBNET = "subnet-0a1b2c3d4e5f60718";
    public static final String TASK_VPC = "vpc-0f1e2d3c4b5a69788";

    /** A cluster's executeCommandConfiguration; {@code logging} NONE, DEFAULT or OVERRIDE. */
    public record ClusterExec(String kmsKeyId, String logging) {
    }

    private final Map<String, Set<String>> grants = new HashMap<>();
    private final Map<String, String> subnets = new LinkedHashMap<>(Map.of(TASK_SUBNET, TASK_VPC));
    private final VpcNetwork network = new VpcNetwork();
    private final Map<String, ClusterExec> clusterExec = new HashMap<>();
    private final Set<String> refused = new HashSet<>();

    ExecPrerequisites() {
    }

    /** The role may also perform {@code action} (for example kms:Decrypt) on any resource. */
    public synchronized ExecPrerequisites grant(String roleArn, String action) {
        grants.computeIfAbsent(roleArn, r -> new HashSet<>()).add(action);
        return this;
    }

    /** An available VPC endpoint in the task VPC (an interface endpoint with private DNS on). */
    public ExecPrerequisites vpcEndpoint(String serviceName, String type) {
        network.vpcEndpoint(serviceName, type, "available", true);
        return this;
    }

    /** The VPC's security groups, route tables and endpoints, and the builder of its layouts. */
    public VpcNetwork network() {
        return network;
    }

    public synchronized ExecPrerequisites clusterExec(String cluster, String kmsKeyId, String logging) {
        clusterExec.put(cluster, new ClusterExec(kmsKeyId, logging));
        return this;
    }

    /** Calls of {@code operation} (IAM or EC2) are refused as the function's role would be without the permission. */
    public synchronized ExecPrerequisites refuse(String operation) {
        refused.add(operation);
        return this;
    }

    synchronized boolean refuses(String operation) {
        return refused.contains(operation);
    }

    synchronized Map<String, String> subnets() {
        return Map.copyOf(subnets);
    }

    synchronized ClusterExec clusterExec(String cluster) {
        return clusterExec.get(cluster);
    }

    /** IAM's decision for one action of a role: allowed or implicitDeny; null when the role does not exist. */
    synchronized String decision(EcsWorld world, String roleArn, String action) {
        List<TaskDefinitionSpec> specs = world.taskDefinitionsWithRole(roleArn);
        if (specs.isEmpty() && !grants.containsKey(roleArn)) {
            return null;
        }
        boolean allowed = action.startsWith("ssmmessages:")
                ? !specs.isEmpty() && specs.stream().allMatch(TaskDefinitionSpec::taskRoleAllowsSsmMessages)
                : grants.getOrDefault(roleArn, Set.of()).contains(action);
        return allowed ? "allowed" : "implicitDeny";
    }

    /**
     * Where the agent writes in each container: a read-only root filesystem stops it there unless writable
     * volumes are mounted at these directories (or above them).
     */
    static final List<String> AGENT_DIRECTORIES = List.of("/managed-agents", "/var/lib/amazon/ssm",
            "/var/log/amazon/ssm");

    /** Whether the agent can write its files in this container. */
    static boolean agentCanWrite(ContainerSpec c) {
        return !c.readonlyRootFilesystem() || AGENT_DIRECTORIES.stream().allMatch(dir -> c.mountPoints().stream()
                .anyMatch(m -> !m.readOnly() && (dir + "/").startsWith(m.containerPath().replaceAll("/$", "") + "/")));
    }

    /**
     * Whether a task's ExecuteCommandAgents can reach Systems Manager: role, network and KMS (whether each
     * container's agent can write its files is {@link #agentCanWrite}).
     */
    synchronized boolean agentCanConnect(String cluster, TaskDefinitionSpec spec) {
        String role = spec.taskRoleArn();
        boolean reachable = network.agentReachesSsmMessages();
        ClusterExec exec = clusterExec.get(cluster);
        boolean kms = exec == null || exec.kmsKeyId() == null || exec.kmsKeyId().isEmpty()
                || grants.getOrDefault(role, Set.of()).contains("kms:Decrypt");
        return spec.taskRoleAllowsSsmMessages() && reachable && kms;
    }
}
