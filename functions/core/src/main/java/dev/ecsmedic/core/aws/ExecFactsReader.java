package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.policy.ExecFacts;
import dev.ecsmedic.core.policy.ExecFacts.ClusterExec;
import dev.ecsmedic.core.policy.ExecFacts.Network;
import dev.ecsmedic.core.policy.ExecFacts.RolePermissions;
import dev.ecsmedic.core.policy.ExecFacts.TaskFacts;
import dev.ecsmedic.core.policy.ExecReadiness;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.ExecFactsReads;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandConfiguration;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;

/**
 * Gathers the facts ECS Exec depends on for a service's running tasks: the cluster's exec configuration, the
 * EC2 agent version, what the task role may do (IAM's policy simulator) and the network ({@link ExecNetworkReader}).
 * One call per distinct role, subnet set and VPC set; a read that is refused or finds nothing becomes a note.
 * Every client is asked for at its first call: most invocations never check readiness.
 */
final class ExecFactsReader implements ExecFactsReads {

    private static final int DESCRIBE_BATCH = 100;

    private final Supplier<EcsClient> ecs;
    private final Supplier<IamClient> iam;
    private final Supplier<Ec2Client> ec2;
    private final String region;

    ExecFactsReader(Supplier<EcsClient> ecs, Supplier<IamClient> iam, Supplier<Ec2Client> ec2, String region) {
        this.ecs = ecs;
        this.iam = iam;
        this.ec2 = ec2;
        this.region = region;
    }

    @Override
    public ExecFacts read(ServiceView view) {
        List<TaskView> running = view.tasks().stream().filter(TaskView::running).toList();
        ClusterExec cluster = clusterExec(view.cluster());
        Map<String, String> agents = agentVersions(view.cluster(), running);
        Map<String, RolePermissions> roles = new HashMap<>();
        Map<String, Network> networks = new ExecNetworkReader(ec2, region).read(running);
        List<TaskFacts> tasks = new ArrayList<>();
        for (TaskView task : running) {
            Optional<TaskDefinitionView> definition = view.taskDefinition(task);
            String role = definition.map(TaskDefinitionView::taskRoleArn).orElse("");
            RolePermissions permissions = roles.computeIfAbsent(role, r -> simulate(r, cluster.kmsKeyId()));
            tasks.add(new TaskFacts(task, definition, Optional.ofNullable(agents.get(task.containerInstanceArn())),
                    permissions, networks.getOrDefault(task.taskArn(),
                            Network.unknown("", "the task has no ENI attachment with a subnet (not awsvpc)"))));
        }
        return new ExecFacts(region, view.cluster(), cluster, tasks);
    }

    private ClusterExec clusterExec(String cluster) {
        try {
            var clusters = AwsErrors.call(() -> ecs.get().describeClusters(b -> b.clusters(cluster)
                    .include(ClusterField.CONFIGURATIONS)).clusters());
            if (clusters.isEmpty()) {
                return ClusterExec.unknown("DescribeClusters did not return cluster " + cluster);
            }
            var configuration = clusters.get(0).configuration();
            ExecuteCommandConfiguration exec = configuration == null ? null
                    : configuration.executeCommandConfiguration();
            return exec == null ? new ClusterExec(true, "", "DEFAULT", "")
                    : new ClusterExec(true, text(exec.kmsKeyId()), text(exec.loggingAsString()), "");
        } catch (AwsFailure e) {
            return ClusterExec.unknown(AwsErrors.noteOrThrow(e));
        }
    }

    private Map<String, String> agentVersions(String cluster, List<TaskView> tasks) {
        List<String> instances = tasks.stream().map(TaskView::containerInstanceArn).filter(a -> !a.isEmpty())
                .distinct().toList();
        Map<String, String> versions = new HashMap<>();
        try {
            for (int i = 0; i < instances.size(); i += DESCRIBE_BATCH) {
                List<String> batch = instances.subList(i, Math.min(instances.size(), i + DESCRIBE_BATCH));
                AwsErrors.call(() -> ecs.get().describeContainerInstances(b -> b.cluster(cluster)
                                .containerInstances(batch)).containerInstances()).stream()
                        .filter(c -> c.versionInfo() != null && c.versionInfo().agentVersion() != null)
                        .forEach(c -> versions.put(c.containerInstanceArn(), c.versionInfo().agentVersion()));
            }
        } catch (AwsFailure e) {
            AwsErrors.noteOrThrow(e);
        }
        return versions;
    }

    private RolePermissions simulate(String role, String kmsKey) {
        if (role.isEmpty()) {
            return RolePermissions.unknown("", "the task definition has no taskRoleArn");
        }
        Map<String, String> decisions = new LinkedHashMap<>();
        try {
            record(decisions, AwsErrors.call(() -> iam.get().simulatePrincipalPolicy(b -> b.policySourceArn(role)
                    .actionNames(ExecReadiness.SSM_MESSAGES_ACTIONS)).evaluationResults()));
            if (!kmsKey.isEmpty()) {
                String resource = kmsKey.startsWith("arn:") ? kmsKey : "*";
                record(decisions, AwsErrors.call(() -> iam.get().simulatePrincipalPolicy(b -> b.policySourceArn(role)
                        .actionNames(ExecReadiness.KMS_DECRYPT).resourceArns(resource)).evaluationResults()));
            }
        } catch (AwsFailure e) {
            return RolePermissions.unknown(role, AwsErrors.noteOrThrow(e));
        }
        return new RolePermissions(role, decisions, "");
    }

    private static void record(Map<String, String> decisions, List<EvaluationResult> results) {
        results.forEach(r -> decisions.put(r.evalActionName(), r.evalDecisionAsString()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
