package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EvaluationResult;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/** The IAM and EC2 query protocols and the ECS exec shapes, read by the real SDK v2 clients. */
class ExecPrerequisitesSdkTest {
    private static final String C = Scenarios.CLUSTER;
    private static final String ROLE = "arn:aws:iam::123456789012:role/prometheus-task";
    private static final List<String> SSM = List.of("ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");

    private EcsWorld world;
    private Simulator sim;
    private IamClient iam;
    private Ec2Client ec2;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        world = Scenarios.prometheusEfsLock().newWorld();
        sim = Simulator.start(world);
        iam = SimClients.of(IamClient.builder(), sim);
        ec2 = SimClients.of(Ec2Client.builder(), sim);
        ecs = SimClients.of(EcsClient.builder(), sim);
    }

    @AfterEach
    void stop() {
        iam.close();
        ec2.close();
        ecs.close();
        sim.close();
    }

    @Test
    void simulatePrincipalPolicyAnswersPerActionInIamXml() {
        world.execPrerequisites().grant(ROLE, "kms:Decrypt");

        List<EvaluationResult> results = iam.simulatePrincipalPolicy(b -> b.policySourceArn(ROLE)
                .actionNames(SSM)).evaluationResults();
        assertEquals(SSM, results.stream().map(EvaluationResult::evalActionName).toList());
        assertTrue(results.stream().allMatch(r -> r.evalDecisionAsString().equals("allowed")));
        assertEquals("*", results.get(0).evalResourceName());
        assertEquals("ecs-exec", results.get(0).matchedStatements().get(0).sourcePolicyId());

        String key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        EvaluationResult kms = iam.simulatePrincipalPolicy(b -> b.policySourceArn(ROLE).actionNames("kms:Decrypt")
                .resourceArns(key)).evaluationResults().get(0);
        assertEquals("allowed", kms.evalDecisionAsString());
        assertEquals(key, kms.evalResourceName());
    }

    @Test
    void aRoleWithoutSsmMessagesIsImplicitlyDeniedAndAnUnknownRoleIsNoSuchEntity() {
        world.registerRevision(Scenarios.PROMETHEUS, TaskDefinitionSpec::withoutSsmMessagesPermissions);

        Map<String, String> decisions = iam.simulatePrincipalPolicy(b -> b.policySourceArn(ROLE).actionNames(SSM))
                .evaluationResults().stream()
                .collect(Collectors.toMap(EvaluationResult::evalActionName, EvaluationResult::evalDecisionAsString));
        assertEquals("implicitDeny", decisions.get("ssmmessages:OpenDataChannel"));

        NoSuchEntityException missing = assertThrows(NoSuchEntityException.class, () -> iam.simulatePrincipalPolicy(
                b -> b.policySourceArn("arn:aws:iam::123456789012:role/nobody").actionNames(SSM)));
        assertEquals(404, missing.statusCode());
        assertTrue(missing.awsErrorDetails().errorMessage().contains("nobody"));
    }

    @Test
    void refusedCallsAreAccessDeniedAsAwsSaysIt() {
        world.execPrerequisites().refuse("SimulatePrincipalPolicy").refuse("DescribeSubnets");

        IamException iamDenied = assertThrows(IamException.class, () -> iam.simulatePrincipalPolicy(
                b -> b.policySourceArn(ROLE).actionNames(SSM)));
        assertEquals("AccessDenied", iamDenied.awsErrorDetails().errorCode());
        assertEquals(403, iamDenied.statusCode());
        Ec2Exception ec2Denied = assertThrows(Ec2Exception.class, () -> ec2.describeSubnets(
                b -> b.subnetIds(ExecPrerequisites.TASK_SUBNET)));
        assertEquals("UnauthorizedOperation", ec2Denied.awsErrorDetails().errorCode());
    }

    @Test
    void describeSubnetsAndVpcEndpointsSpeakEc2Xml() {
        world.execPrerequisites().vpcEndpoint("com.amazonaws.us-east-1.logs", "Interface")
                .vpcEndpoint("com.amazonaws.us-east-1.s3", "Gateway");

        var subnet = ec2.describeSubnets(b -> b.subnetIds(ExecPrerequisites.TASK_SUBNET)).subnets().get(0);
        assertEquals(ExecPrerequisites.TASK_VPC, subnet.vpcId());
        assertEquals("available", subnet.stateAsString());
        Ec2Exception unknown = assertThrows(Ec2Exception.class, () -> ec2.describeSubnets(
                b -> b.subnetIds("subnet-00000000000000000")));
        assertEquals("InvalidSubnetID.NotFound", unknown.awsErrorDetails().errorCode());

        List<VpcEndpoint> endpoints = ec2.describeVpcEndpointsPaginator(b -> b.filters(Filter.builder()
                .name("vpc-id").values(ExecPrerequisites.TASK_VPC).build())).vpcEndpoints().stream().toList();
        assertEquals(List.of("com.amazonaws.us-east-1.logs", "com.amazonaws.us-east-1.s3"),
                endpoints.stream().map(VpcEndpoint::serviceName).toList());
        assertEquals("Interface", endpoints.get(0).vpcEndpointTypeAsString());
        assertTrue(endpoints.get(0).privateDnsEnabled());
        assertEquals(List.of(ExecPrerequisites.TASK_SUBNET), endpoints.get(0).subnetIds());
        assertEquals(0, ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("vpc-id")
                .values("vpc-00000000000000000").build())).vpcEndpoints().size());
    }

    @Test
    void describeClustersGivesTheExecConfigurationOnlyWhenAskedFor() {
        world.execPrerequisites().clusterExec(C, "alias/ecs-exec", "OVERRIDE");

        var cluster = ecs.describeClusters(b -> b.clusters(C).include(ClusterField.CONFIGURATIONS)).clusters().get(0);
        assertEquals("alias/ecs-exec", cluster.configuration().executeCommandConfiguration().kmsKeyId());
        assertEquals("OVERRIDE", cluster.configuration().executeCommandConfiguration().loggingAsString());
        assertEquals(null, ecs.describeClusters(b -> b.clusters(C)).clusters().get(0).configuration());
    }

    @Test
    void aFargateTaskNamesItsSubnetInItsEniAttachment() {
        Task task = ecs.describeTasks(b -> b.cluster(C).tasks(ecs.listTasks(l -> l.cluster(C)
                .serviceName(Scenarios.PROMETHEUS)).taskArns())).tasks().get(0);
        var eni = task.attachments().get(0);
        assertEquals("ElasticNetworkInterface", eni.type());
        assertEquals("ATTACHED", eni.status());
        assertEquals(ExecPrerequisites.TASK_SUBNET, eni.details().stream().filter(d -> d.name().equals("subnetId"))
                .findFirst().orElseThrow().value());
    }

    @Test
    void theAgentConnectsOnlyWhenRoleEndpointAndFilesystemAllow() {
        world.setDeploymentConfiguration(C, Scenarios.PROMETHEUS, 0, 200);
        world.execPrerequisites().vpcEndpoint("com.amazonaws.us-east-1.ecr.dkr", "Interface").network()
                .privateSubnet();
        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, C, Scenarios.PROMETHEUS).action().accept(world);
        world.advance(Duration.ofMinutes(3));
        assertFalse(agentsRunning(), "a private subnet with interface endpoints, none for ssmmessages: the agent "
                + "cannot connect");

        world.execPrerequisites().vpcEndpoint("com.amazonaws.us-east-1.ssmmessages", "Interface");
        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, C, Scenarios.PROMETHEUS).action().accept(world);
        world.advance(Duration.ofMinutes(5));
        assertTrue(agentsRunning());
    }

    private boolean agentsRunning() {
        return SimClients.agentsRunning(ecs, C, Scenarios.PROMETHEUS);
    }
}
