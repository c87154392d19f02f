package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.Route;
import software.amazon.awssdk.services.ec2.model.RouteTable;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.VpcEndpoint;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The exec network layouts read back by the real SDK v2 EC2 client: security group egress, route tables with
 * their main and explicit associations, endpoint details, filters, paging and EC2's error codes; and whether the
 * simulated ExecuteCommandAgent connects in each layout.
 */
class VpcNetworkSdkTest {
    private static final String C = Scenarios.CLUSTER;
    private static final String TASK_SG = VpcNetwork.TASK_SECURITY_GROUP;
    private static final String SSM = "com.amazonaws.us-east-1.ssmmessages";

    private EcsWorld world;
    private VpcNetwork network;
    private Simulator sim;
    private Ec2Client ec2;
    private EcsClient ecs;

    @BeforeEach
    void start() {
        world = Scenarios.prometheusEfsLock().newWorld();
        network = world.execPrerequisites().network();
        sim = Simulator.start(world);
        ec2 = SimClients.of(Ec2Client.builder(), sim);
        ecs = SimClients.of(EcsClient.builder(), sim);
    }

    @AfterEach
    void stop() {
        ec2.close();
        ecs.close();
        sim.close();
    }

    private SecurityGroup taskGroup() {
        return ec2.describeSecurityGroups(b -> b.groupIds(TASK_SG)).securityGroups().get(0);
    }

    private List<RouteTable> tables(String name, String... values) {
        return ec2.describeRouteTables(b -> b.filters(Filter.builder().name(name).values(values).build()))
                .routeTables();
    }

    /** The route table EC2 routes the task subnet by, found as a reader must: explicit association, else main. */
    private RouteTable taskSubnetTable() {
        List<RouteTable> explicit = tables("association.subnet-id", ExecPrerequisites.TASK_SUBNET);
        if (!explicit.isEmpty()) {
            return explicit.get(0);
        }
        return ec2.describeRouteTables(b -> b.filters(Filter.builder().name("vpc-id")
                .values(ExecPrerequisites.TASK_VPC).build(), Filter.builder().name("association.main")
                .values("true").build())).routeTables().get(0);
    }

    private VpcEndpoint endpoint(String service) {
        List<VpcEndpoint> found = ec2.describeVpcEndpoints(b -> b.filters(Filter.builder().name("vpc-id")
                .values(ExecPrerequisites.TASK_VPC).build(), Filter.builder().name("service-name").values(service)
                .build())).vpcEndpoints();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void theDefaultWorldAllowsAllEgressAndRoutesTheImplicitlyAssociatedSubnetToANat() {
        SecurityGroup task = taskGroup();
        assertEquals(ExecPrerequisites.TASK_VPC, task.vpcId());
        IpPermission all = task.ipPermissionsEgress().get(0);
        assertEquals("-1", all.ipProtocol());
        assertNull(all.fromPort());
        assertEquals("0.0.0.0/0", all.ipRanges().get(0).cidrIp());
        assertTrue(all.userIdGroupPairs().isEmpty());

        assertTrue(tables("association.subnet-id", ExecPrerequisites.TASK_SUBNET).isEmpty(),
                "an implicit association names no subnet");
        RouteTable main = taskSubnetTable();
        assertEquals(VpcNetwork.MAIN_ROUTE_TABLE, main.routeTableId());
        RouteTableAssociation association = main.associations().get(0);
        assertTrue(association.main());
        assertNull(association.subnetId());
        assertEquals("associated", association.associationState().stateAsString());
        Route nat = main.routes().stream().filter(r -> "0.0.0.0/0".equals(r.destinationCidrBlock())).findFirst()
                .orElseThrow();
        assertEquals(VpcNetwork.NAT_GATEWAY, nat.natGatewayId());
        assertEquals("active", nat.stateAsString());
        assertEquals("local", main.routes().get(0).gatewayId());
        assertTrue(world.execPrerequisites().network().agentReachesSsmMessages());
    }

    @Test
    void egressOnlyToTheEndpointGroupReadsBackAsAGroupPairAndNeedsTheEndpoint() {
        network.egressOnlyToEndpointSecurityGroup();

        IpPermission rule = taskGroup().ipPermissionsEgress().get(0);
        assertEquals("tcp", rule.ipProtocol());
        assertEquals(443, rule.fromPort());
        assertEquals(443, rule.toPort());
        assertTrue(rule.ipRanges().isEmpty());
        assertEquals(VpcNetwork.ENDPOINT_SECURITY_GROUP, rule.userIdGroupPairs().get(0).groupId());
        assertEquals("123456789012", rule.userIdGroupPairs().get(0).userId());
        assertFalse(network.agentReachesSsmMessages(), "443 only to the endpoints' group, and no endpoint");

        network.ssmmessagesEndpoint(true, "available");
        SecurityGroup endpointGroup = ec2.describeSecurityGroups(b -> b.groupIds(endpoint(SSM).groups().get(0)
                .groupId())).securityGroups().get(0);
        assertEquals(TASK_SG, endpointGroup.ipPermissions().get(0).userIdGroupPairs().get(0).groupId());
        assertTrue(network.agentReachesSsmMessages());
    }

    @Test
    void aPrefixListRuleReadsBackAndIsFoundByTheEgressFilter() {
        network.egressOnlyToPrefixList();

        IpPermission rule = taskGroup().ipPermissionsEgress().get(0);
        assertEquals(VpcNetwork.PREFIX_LIST, rule.prefixListIds().get(0).prefixListId());
        assertTrue(rule.ipRanges().isEmpty() && rule.userIdGroupPairs().isEmpty());
        List<SecurityGroup> found = ec2.describeSecurityGroups(b -> b.filters(Filter.builder()
                .name("egress.ip-permission.prefix-list-id").values(VpcNetwork.PREFIX_LIST).build())).securityGroups();
        assertEquals(List.of(TASK_SG), found.stream().map(SecurityGroup::groupId).toList());
    }

    @Test
    void noEgressOn443LeavesOtherPortsAndStopsTheAgent() {
        network.noHttpsEgress();

        List<IpPermission> egress = taskGroup().ipPermissionsEgress();
        assertEquals(List.of(80, 2049), egress.stream().map(IpPermission::fromPort).toList());
        assertTrue(egress.stream().noneMatch(r -> r.ipProtocol().equals("-1")
                || r.fromPort() <= 443 && 443 <= r.toPort()));
        assertTrue(egress.stream().allMatch(r -> r.ipv6Ranges().isEmpty() && r.prefixListIds().isEmpty()));
        assertFalse(network.agentReachesSsmMessages());
        network.taskEgress(VpcNetwork.Rule.tcpIpv6(443, "::/0"));
        assertEquals("::/0", taskGroup().ipPermissionsEgress().get(0).ipv6Ranges().get(0).cidrIpv6());
    }

    @Test
    void aPrivateSubnetIsExplicitlyAssociatedWithATableWithoutNatOrGateway() {
        network.privateSubnet();

        RouteTable table = taskSubnetTable();
        assertEquals(VpcNetwork.PRIVATE_ROUTE_TABLE, table.routeTableId());
        assertEquals(ExecPrerequisites.TASK_SUBNET, table.associations().get(0).subnetId());
        assertFalse(table.associations().get(0).main());
        assertEquals(List.of("local"), table.routes().stream().map(Route::gatewayId).toList());
        assertTrue(table.routes().stream().allMatch(r -> r.natGatewayId() == null));
        assertEquals(List.of(VpcNetwork.MAIN_ROUTE_TABLE), tables("association.main", "true").stream()
                .map(RouteTable::routeTableId).toList(), "the main table is still there, for other subnets");
        assertEquals(List.of(VpcNetwork.PRIVATE_ROUTE_TABLE), tables("association.main", "false").stream()
                .map(RouteTable::routeTableId).toList());
        assertTrue(tables("route.nat-gateway-id", VpcNetwork.NAT_GATEWAY).stream()
                .noneMatch(t -> t.routeTableId().equals(VpcNetwork.PRIVATE_ROUTE_TABLE)));
        assertFalse(network.agentReachesSsmMessages(), "no NAT and no endpoint");

        network.ssmmessagesEndpoint(true, "available");
        assertTrue(network.agentReachesSsmMessages(), "the endpoint, reached through the local route");
    }

    @Test
    void anInternetGatewayRouteReadsBackAsAGatewayIdButDoesNotCarryATaskWithoutPublicIp() {
        network.taskSubnetRoutes(VpcNetwork.Route.toInternetGateway(VpcNetwork.INTERNET_GATEWAY));

        RouteTable table = taskSubnetTable();
        assertEquals(List.of("local", VpcNetwork.INTERNET_GATEWAY), table.routes().stream().map(Route::gatewayId)
                .toList());
        assertEquals(List.of(VpcNetwork.PRIVATE_ROUTE_TABLE), tables("route.gateway-id", VpcNetwork.INTERNET_GATEWAY)
                .stream().map(RouteTable::routeTableId).toList());
        assertFalse(network.agentReachesSsmMessages(), "assignPublicIp DISABLED: an IGW alone does not do");
    }

    @Test
    void anSsmmessagesEndpointWithPrivateDnsOffReadsBackAndDoesNotReplaceANat() {
        network.privateSubnet().ssmmessagesEndpoint(false, "available");
        VpcEndpoint off = endpoint(SSM);
        assertEquals("Interface", off.vpcEndpointTypeAsString());
        assertFalse(off.privateDnsEnabled());
        assertEquals("available", off.stateAsString());
        assertEquals(VpcNetwork.ENDPOINT_SECURITY_GROUP, off.groups().get(0).groupId());
        assertEquals("vpc-endpoints", off.groups().get(0).groupName());
        assertEquals(List.of(ExecPrerequisites.TASK_SUBNET), off.subnetIds());
        assertFalse(network.agentReachesSsmMessages(), "private DNS off: the public name, and no NAT");
        network.taskSubnetRoutes(VpcNetwork.Route.toNat(VpcNetwork.NAT_GATEWAY));
        assertTrue(network.agentReachesSsmMessages(), "private DNS off: the public name, through the NAT");
    }

    @Test
    void aPendingSsmmessagesEndpointReadsBackAndDoesNotHelp() {
        network.privateSubnet().ssmmessagesEndpoint(true, "pending");
        VpcEndpoint pending = endpoint(SSM);
        assertEquals("pending", pending.stateAsString());
        assertTrue(pending.privateDnsEnabled());
        assertEquals(List.of(pending.vpcEndpointId()), ec2.describeVpcEndpoints(b -> b.filters(Filter.builder()
                .name("vpc-endpoint-state").values("pending").build())).vpcEndpoints().stream()
                .map(VpcEndpoint::vpcEndpointId).toList());
        assertEquals(List.of(pending.vpcEndpointId()), ec2.describeVpcEndpoints(b -> b.vpcEndpointIds(
                pending.vpcEndpointId())).vpcEndpoints().stream().map(VpcEndpoint::vpcEndpointId).toList());
        assertFalse(network.agentReachesSsmMessages());
    }

    @Test
    void interfaceEndpointsForOtherServicesWithANatLetTheAgentConnect() {
        world.setDeploymentConfiguration(C, Scenarios.PROMETHEUS, 0, 200);
        network.interfaceEndpointsForOtherServices();

        List<VpcEndpoint> endpoints = ec2.describeVpcEndpointsPaginator(b -> b.filters(Filter.builder()
                .name("vpc-id").values(ExecPrerequisites.TASK_VPC).build())).vpcEndpoints().stream().toList();
        assertEquals(4, endpoints.size());
        assertTrue(endpoints.stream().noneMatch(e -> e.serviceName().endsWith(".ssmmessages")));
        assertTrue(endpoints.stream().allMatch(e -> e.privateDnsEnabled() && e.stateAsString().equals("available")));
        assertNotNull(taskSubnetTable().routes().stream().map(Route::natGatewayId).filter(n -> n != null)
                .findFirst().orElse(null));

        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, C, Scenarios.PROMETHEUS).action().accept(world);
        world.advance(Duration.ofMinutes(5));
        assertTrue(SimClients.agentsRunning(ecs, C, Scenarios.PROMETHEUS), "ECR endpoints and a NAT");
    }

    @Test
    void describeSecurityGroupsAndRouteTablesPageByMaxResultsAndNextToken() {
        for (int i = 0; i < 7; i++) {
            network.securityGroup(new VpcNetwork.SecurityGroup("sg-0aa" + String.format("%014d", i), "extra-" + i,
                    "extra", ExecPrerequisites.TASK_VPC, List.of(), List.of(VpcNetwork.Rule.allTraffic())));
        }
        DescribeSecurityGroupsResponse first = ec2.describeSecurityGroups(b -> b.maxResults(5));
        assertEquals(5, first.securityGroups().size());
        assertNotNull(first.nextToken());
        DescribeSecurityGroupsResponse second = ec2.describeSecurityGroups(b -> b.maxResults(5)
                .nextToken(first.nextToken()));
        assertEquals(4, second.securityGroups().size());
        assertNull(second.nextToken());
        assertEquals(9, ec2.describeSecurityGroupsPaginator(b -> b.maxResults(5)).securityGroups().stream()
                .map(SecurityGroup::groupId).distinct().count());
        assertEquals(9, ec2.describeSecurityGroups().securityGroups().size(), "no MaxResults: all of them");

        for (int i = 0; i < 6; i++) {
            network.routeTable(new VpcNetwork.RouteTable("rtb-0bb" + String.format("%014d", i), "vpc-0other", true,
                    List.of(), List.of(VpcNetwork.Route.toNat(VpcNetwork.NAT_GATEWAY))));
        }
        network.privateSubnet();
        var firstTables = ec2.describeRouteTables(b -> b.maxResults(5));
        assertEquals(5, firstTables.routeTables().size());
        assertEquals(3, ec2.describeRouteTables(b -> b.maxResults(5).nextToken(firstTables.nextToken()))
                .routeTables().size());
        assertEquals(8, ec2.describeRouteTablesPaginator(b -> b.maxResults(5)).routeTables().stream()
                .map(RouteTable::routeTableId).distinct().count());
        assertEquals(1, ec2.describeRouteTables(b -> b.maxResults(5).filters(Filter.builder().name("vpc-id")
                .values(ExecPrerequisites.TASK_VPC).build(), Filter.builder().name("association.main")
                .values("true").build())).routeTables().size());

        Ec2Exception small = assertThrows(Ec2Exception.class, () -> ec2.describeSecurityGroups(b -> b.maxResults(4)));
        assertEquals("InvalidParameterValue", small.awsErrorDetails().errorCode());
        Ec2Exception big = assertThrows(Ec2Exception.class, () -> ec2.describeRouteTables(b -> b.maxResults(101)));
        assertEquals("InvalidParameterValue", big.awsErrorDetails().errorCode());
        Ec2Exception token = assertThrows(Ec2Exception.class, () -> ec2.describeSecurityGroups(b -> b.maxResults(5)
                .nextToken("not-a-token")));
        assertEquals("InvalidPaginationToken", token.awsErrorDetails().errorCode());
    }

    @Test
    void unknownIdsGiveEc2sNotFoundCodesAndUnknownFiltersAreRefused() {
        Ec2Exception group = assertThrows(Ec2Exception.class, () -> ec2.describeSecurityGroups(
                b -> b.groupIds(TASK_SG, "sg-00000000000000000")));
        assertEquals("InvalidGroup.NotFound", group.awsErrorDetails().errorCode());
        assertEquals(400, group.statusCode());
        assertTrue(group.awsErrorDetails().errorMessage().contains("sg-00000000000000000"));
        Ec2Exception table = assertThrows(Ec2Exception.class, () -> ec2.describeRouteTables(
                b -> b.routeTableIds("rtb-00000000000000000")));
        assertEquals("InvalidRouteTableID.NotFound", table.awsErrorDetails().errorCode());
        Ec2Exception endpoint = assertThrows(Ec2Exception.class, () -> ec2.describeVpcEndpoints(
                b -> b.vpcEndpointIds("vpce-00000000000000000")));
        assertEquals("InvalidVpcEndpointId.NotFound", endpoint.awsErrorDetails().errorCode());
        Ec2Exception filter = assertThrows(Ec2Exception.class, () -> ec2.describeRouteTables(b -> b.filters(
                Filter.builder().name("no-such-filter").values("x").build())));
        assertEquals("InvalidParameterValue", filter.awsErrorDetails().errorCode());
        assertEquals(List.of(TASK_SG), ec2.describeSecurityGroups(b -> b.filters(Filter.builder().name("group-name")
                .values("ecs-tasks").build())).securityGroups().stream().map(SecurityGroup::groupId).toList());
    }

    @Test
    void aTasksEniFromItsAttachmentReadsBackWithTheServicesSecurityGroup() {
        world.advance(Duration.ofMinutes(2));
        var task = ecs.describeTasks(b -> b.cluster(C).tasks(ecs.listTasks(l -> l.cluster(C)
                .serviceName(Scenarios.PROMETHEUS)).taskArns())).tasks().get(0);
        String eniId = task.attachments().get(0).details().stream().filter(d -> d.name().equals("networkInterfaceId"))
                .findFirst().orElseThrow().value();
        var service = ecs.describeServices(b -> b.cluster(C).services(Scenarios.PROMETHEUS)).services().get(0);
        List<String> serviceGroups = service.networkConfiguration().awsvpcConfiguration().securityGroups();

        var eni = ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eniId)).networkInterfaces().get(0);
        assertEquals(ExecPrerequisites.TASK_SUBNET, eni.subnetId());
        assertEquals(ExecPrerequisites.TASK_VPC, eni.vpcId());
        assertEquals("in-use", eni.statusAsString());
        assertEquals(serviceGroups, eni.groups().stream().map(g -> g.groupId()).toList());
        assertEquals(List.of(TASK_SG), serviceGroups);
        assertEquals("ecs-tasks", eni.groups().get(0).groupName());
        assertTrue(ec2.describeNetworkInterfaces(b -> b.filters(Filter.builder().name("group-id").values(TASK_SG)
                .build())).networkInterfaces().stream().anyMatch(n -> n.networkInterfaceId().equals(eniId)));
        assertEquals("InvalidNetworkInterfaceID.NotFound", assertThrows(Ec2Exception.class,
                () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds("eni-00000000000000000")))
                .awsErrorDetails().errorCode());
        assertEquals("InvalidParameterCombination", assertThrows(Ec2Exception.class,
                () -> ec2.describeNetworkInterfaces(b -> b.networkInterfaceIds(eniId).maxResults(5)))
                .awsErrorDetails().errorCode());
    }

    @ParameterizedTest
    @EnumSource(NetworkLayout.class)
    void eachLayoutReadsBackThroughEc2AndTheAgentConnectsAsItSays(NetworkLayout layout) {
        layout.accept(world);
        assertEquals(layout.agentConnects(), network.agentReachesSsmMessages(), layout.name());
        assertFalse(taskGroup().ipPermissionsEgress().isEmpty(), "the task group keeps egress rules");
        assertNotNull(taskSubnetTable().routeTableId());
        world.setDeploymentConfiguration(C, Scenarios.PROMETHEUS, 0, 200);
        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, C, Scenarios.PROMETHEUS).action().accept(world);
        world.advance(Duration.ofMinutes(5));
        assertEquals(layout.agentConnects(), SimClients.agentsRunning(ecs, C, Scenarios.PROMETHEUS), layout.name());
    }

    @Test
    void theNewReadsGoThroughTheFaultInjectorAndTheRefusals() {
        world.inject(new FaultInjector(new FaultInjector.Config(1.0, 3, Set.of("DescribeSecurityGroups",
                "DescribeRouteTables"), Set.of(FaultInjector.Kind.THROTTLING), Duration.ZERO, Duration.ZERO,
                Duration.ZERO, 0)));
        Ec2Exception throttled = assertThrows(Ec2Exception.class, () -> taskGroup());
        assertEquals("RequestLimitExceeded", throttled.awsErrorDetails().errorCode());
        assertEquals("RequestLimitExceeded", assertThrows(Ec2Exception.class, () -> ec2.describeRouteTables())
                .awsErrorDetails().errorCode());
        world.inject(FaultInjector.NONE);

        world.execPrerequisites().refuse("DescribeRouteTables");
        assertEquals("UnauthorizedOperation", assertThrows(Ec2Exception.class, () -> ec2.describeRouteTables())
                .awsErrorDetails().errorCode());
        assertEquals(TASK_SG, taskGroup().groupId());
    }
}
