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

    /** The task's VPC and the service names of its interface endpoints; {@code vpcId} empty when unknown. */
    public record Network(String subnetId, String vpcId, List<String> interfaceEndpoints, String note) {
        public Network {
            interfaceEndpoints = List.copyOf(interfaceEndpoints);
        }

        public static Network unknown(String subnetId, String note) {
            return new Network(subnetId, "", List.of(), note);
        }
    }
}
