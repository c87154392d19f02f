package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the AWS APIs said about the things ECS Exec depends on, gathered once by an adapter so that
 * {@link ExecReadiness} can judge them without I/O. A fact that could not be read carries a note instead.
 */
public record ExecFacts(String region, String cluster, ClusterExec clusterExec, List<TaskFacts> tasks) {

    public ExecFacts {
        tasks = List.copyOf(tasks);
    }

    /** The cluster's executeCommandConfiguration; {@code logging} NONE, DEFAULT or OVERRIDE. */
    public record ClusterExec(boolean known, String kmsKeyId, String logging, String note) {
        public static ClusterExec unknown(String note) {
            return new ClusterExec(false, "", "", note);
        }
    }

    /**
     * One running task with its task definition, the container agent version of its EC2 instance (empty on
     * Fargate or when unknown), what its task role may do, and the network it runs in.
     */
    public record TaskFacts(TaskView task, Optional<TaskDefinitionView> definition, Optional<String> agentVersion,
                            RolePermissions role, Network network) {}

    /** IAM's simulated decision (allowed, implicitDeny, explicitDeny) per action for the task role. */
    public record RolePermissions(String roleArn, Map<String, String> decisions, String note) {
        public RolePermissions {
            decisions = Map.copyOf(decisions);
        }

        public static RolePermissions unknown(String roleArn, String note) {
            return new RolePermissions(roleArn, Map.of(), note);
        }
    }

    /**
     * The network a task's agent must cross to reach ssmmessages: its subnet and VPC, the VPC's interface
     * endpoints, the routes of the subnet's route table, the task's security groups with their rules and its public
     * IP. {@code vpcId} empty when unknown; a list read that failed is empty with its note in {@code notes}
     * (keyed routes, groups, interfaces).
     */
    public record Network(String subnetId, String vpcId, String subnetCidr, List<Endpoint> endpoints,
                          List<Route> routes, List<String> taskGroups, Optional<Boolean> publicIp,
                          Map<String, Group> groups, Map<String, String> notes, String note) {
        public Network {
            endpoints = List.copyOf(endpoints);
            routes = List.copyOf(routes);
            taskGroups = List.copyOf(taskGroups);
            groups = Map.copyOf(groups);
            notes = Map.copyOf(notes);
        }

        public static Network unknown(String subnetId, String note) {
            return new Network(subnetId, "", "", List.of(), List.of(), List.of(), Optional.empty(), Map.of(),
                    Map.of(), note);
        }
    }

    /** An interface VPC endpoint: {@code state} as DescribeVpcEndpoints gives it, its security groups. */
    public record Endpoint(String serviceName, String state, boolean privateDns, List<String> groups) {
        public Endpoint {
            groups = List.copyOf(groups);
        }
    }

    /** A route: destination CIDR, target (a nat-, igw- or other id), state. */
    public record Route(String destination, String target, String state) {}

    /** A security group's rules. */
    public record Group(String id, List<Rule> ingress, List<Rule> egress) {
        public Group {
            ingress = List.copyOf(ingress);
            egress = List.copyOf(egress);
        }
    }

    /** One IpPermission: protocol -1 is all traffic (ports null). */
    public record Rule(String protocol, Integer fromPort, Integer toPort, List<String> cidrs, List<String> prefixLists,
                       List<String> groups) {
        public Rule {
            cidrs = List.copyOf(cidrs);
            prefixLists = List.copyOf(prefixLists);
            groups = List.copyOf(groups);
        }

        public boolean allowsTcp(int port) {
            return "-1".equals(protocol) || ("tcp".equals(protocol) || "6".equals(protocol))
                    && (fromPort == null || fromPort <= port) && (toPort == null || port <= toPort);
        }
    }
}
