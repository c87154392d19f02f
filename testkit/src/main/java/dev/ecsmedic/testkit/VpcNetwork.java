package dev.ecsmedic.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The network the simulated account's tasks run in, as EC2 describes it: security groups with their rules, route
 * tables with their routes and subnet associations (a subnet without an explicit association uses the VPC's main
 * route table), and VPC endpoints. The default is one VPC whose task security group allows all outbound traffic
 * and whose main route table sends 0.0.0.0/0 to a NAT gateway, so the ExecuteCommandAgent reaches the public
 * {@code ssmmessages} endpoint. The builder methods set up the layouts in which it does not, or does another way.
 */
public final class VpcNetwork {
    /** The security group in the tasks' awsvpcConfiguration (ECS gives it in DescribeServices). */
    public static final String TASK_SECURITY_GROUP = "sg-0f1e2d3c4b5a69788";
    /** The security group of the interface endpoints: inbound 443 from the task security group. */
    public static final String ENDPOINT_SECURITY_GROUP = "sg-0e1d2c3b4a5968778";
    public static final String VPC_CIDR = "10.0.0.0/16";
    public static final String MAIN_ROUTE_TABLE = "rtb-0c1d2e3f4a5b69780";
    public static final String PRIVATE_ROUTE_TABLE = "rtb-0d2e3f4a5b6c79801";
    public static final String NAT_GATEWAY = "nat-0b1c2d3e4f5a69781";
    public static final String INTERNET_GATEWAY = "igw-0a9b8c7d6e5f40312";
    /** A customer-managed prefix list the builder's egress rules may name. */
    public static final String PREFIX_LIST = "pl-0123456789abcdef0";

    /** One security group rule (EC2's IpPermission): protocol {@code -1} is all traffic, ports then null. */
    public record Rule(String protocol, Integer fromPort, Integer toPort, List<String> cidrs, List<String> ipv6Cidrs,
            List<String> prefixLists, List<String> groups) {
        public static Rule allTraffic() {
            return new Rule("-1", null, null, List.of("0.0.0.0/0"), List.of(), List.of(), List.of());
        }

        public static Rule tcp(int port, String cidr) {
            return new Rule("tcp", port, port, List.of(cidr), List.of(), List.of(), List.of());
        }

        public static Rule tcpIpv6(int port, String cidr) {
            return new Rule("tcp", port, port, List.of(), List.of(cidr), List.of(), List.of());
        }

        public static Rule tcpToGroup(int port, String groupId) {
            return new Rule("tcp", port, port, List.of(), List.of(), List.of(), List.of(groupId));
        }

        public static Rule tcpToPrefixList(int port, String prefixListId) {
            return new Rule("tcp", port, port, List.of(), List.of(), List.of(prefixListId), List.of());
        }

        boolean allowsTcp(int port) {
            return protocol.equals("-1") || protocol.equals("6") || protocol.equals("tcp") && fromPort != null
                    && toPort != null && fromPort <= port && port <= toPort;
        }
    }

    public record SecurityGroup(String id, String name, String description, String vpcId, List<Rule> ingress,
            List<Rule> egress) {
    }

    /** A route: its target is a gateway ({@code local}, an internet gateway or a gateway endpoint) or a NAT gateway. */
    public record Route(String destinationCidr, String destinationPrefixList, String gatewayId, String natGatewayId,
            String state, String origin) {
        static Route local() {
            return new Route(VPC_CIDR, null, "local", null, "active", "CreateRouteTable");
        }

        public static Route toNat(String natGatewayId) {
            return new Route("0.0.0.0/0", null, null, natGatewayId, "active", "CreateRoute");
        }

        public static Route toInternetGateway(String igwId) {
            return new Route("0.0.0.0/0", null, igwId, null, "active", "CreateRoute");
        }
    }

    /** A route table; {@code subnets} are its explicit associations. */
    public record RouteTable(String id, String vpcId, boolean main, List<String> subnets, List<Route> routes) {
    }

    /** An interface or gateway VPC endpoint; {@code state} as DescribeVpcEndpoints gives it (e.g. available). */
    public record VpcEndpoint(String id, String vpcId, String serviceName, String type, String state,
            boolean privateDnsEnabled, List<String> groups, List<String> subnets) {
    }

    private final List<SecurityGroup> groups = new ArrayList<>();
    private final List<RouteTable> routeTables = new ArrayList<>();
    private final List<VpcEndpoint> endpoints = new ArrayList<>();

    VpcNetwork() {
        groups.add(new SecurityGroup(TASK_SECURITY_GROUP, "ecs-tasks", "ECS tasks", ExecPrerequisites.TASK_VPC,
                List.of(), List.of(Rule.allTraffic())));
        groups.add(new SecurityGroup(ENDPOINT_SECURITY_GROUP, "vpc-endpoints", "Interface endpoints",
                ExecPrerequisites.TASK_VPC, List.of(Rule.tcpToGroup(443, TASK_SECURITY_GROUP)),
                List.of(Rule.allTraffic())));
        routeTables.add(new RouteTable(MAIN_ROUTE_TABLE, ExecPrerequisites.TASK_VPC, true, List.of(),
                List.of(Route.local(), Route.toNat(NAT_GATEWAY))));
    }

    // ---- builder: the layouts of the exec network check ----

    /** Replaces the outbound rules of the task security group. */
    public synchronized VpcNetwork taskEgress(Rule... rules) {
        SecurityGroup g = group(TASK_SECURITY_GROUP).orElseThrow();
        groups.set(groups.indexOf(g), new SecurityGroup(g.id(), g.name(), g.description(), g.vpcId(), g.ingress(),
                List.of(rules)));
        return this;
    }

    /** The task security group allows outbound 443 only to the interface endpoints' security group. */
    public VpcNetwork egressOnlyToEndpointSecurityGroup() {
        return taskEgress(Rule.tcpToGroup(443, ENDPOINT_SECURITY_GROUP));
    }

    /** The task security group allows outbound 443 only to {@link #PREFIX_LIST}. */
    public VpcNetwork egressOnlyToPrefixList() {
        return taskEgress(Rule.tcpToPrefixList(443, PREFIX_LIST));
    }

    /** The task security group allows outbound traffic, but not on 443: HTTP anywhere and NFS (EFS) in the VPC. */
    public VpcNetwork noHttpsEgress() {
        return taskEgress(Rule.tcp(80, "0.0.0.0/0"), Rule.tcp(2049, VPC_CIDR));
    }

    /** Adds a security group (for example the group of an endpoint added with {@link #vpcEndpoint}). */
    public synchronized VpcNetwork securityGroup(SecurityGroup group) {
        groups.add(group);
        return this;
    }

    /**
     * The task subnet is explicitly associated with a route table that has only the local route: no NAT gateway,
     * no internet gateway (with no {@code ssmmessages} endpoint, the agent reaches nothing).
     */
    public synchronized VpcNetwork privateSubnet() {
        return associateTaskSubnet(new RouteTable(PRIVATE_ROUTE_TABLE, ExecPrerequisites.TASK_VPC, false,
                List.of(ExecPrerequisites.TASK_SUBNET), List.of(Route.local())));
    }

    /** The task subnet is explicitly associated with a route table sending 0.0.0.0/0 to {@code route}'s target. */
    public synchronized VpcNetwork taskSubnetRoutes(Route route) {
        return associateTaskSubnet(new RouteTable(PRIVATE_ROUTE_TABLE, ExecPrerequisites.TASK_VPC, false,
                List.of(ExecPrerequisites.TASK_SUBNET), List.of(Route.local(), route)));
    }

    /** Adds a route table, or replaces the one of the same id. */
    public synchronized VpcNetwork routeTable(RouteTable table) {
        return associateTaskSubnet(table);
    }

    private VpcNetwork associateTaskSubnet(RouteTable table) {
        routeTables.removeIf(t -> t.id().equals(table.id()));
        routeTables.add(table);
        return this;
    }

    /** An {@code ssmmessages} interface endpoint in the task VPC; {@code state} e.g. available or pending. */
    public VpcNetwork ssmmessagesEndpoint(boolean privateDnsEnabled, String state) {
        return vpcEndpoint("com.amazonaws." + Model.REGION + ".ssmmessages", "Interface", state, privateDnsEnabled);
    }

    /** Interface endpoints for ECR, CloudWatch Logs and Secrets Manager, none for ssmmessages (NAT stays). */
    public VpcNetwork interfaceEndpointsForOtherServices() {
        for (String service : List.of("ecr.api", "ecr.dkr", "logs", "secretsmanager")) {
            vpcEndpoint("com.amazonaws." + Model.REGION + "." + service, "Interface", "available", true);
        }
        return this;
    }

    /** A VPC endpoint; an interface endpoint sits in the task subnet with the endpoints' security group. */
    public synchronized VpcNetwork vpcEndpoint(String serviceName, String type, String state,
            boolean privateDnsEnabled) {
        boolean iface = type.equals("Interface");
        endpoints.add(new VpcEndpoint("vpce-" + String.format("%017x", endpoints.size() + 1L),
                ExecPrerequisites.TASK_VPC, serviceName, type, state, iface && privateDnsEnabled,
                iface ? List.of(ENDPOINT_SECURITY_GROUP) : List.of(),
                iface ? List.of(ExecPrerequisites.TASK_SUBNET) : List.of()));
        return this;
    }

    // ---- reads ----

    synchronized List<SecurityGroup> groups() {
        return List.copyOf(groups);
    }

    synchronized Optional<SecurityGroup> group(String id) {
        return groups.stream().filter(g -> g.id().equals(id)).findFirst();
    }

    synchronized List<RouteTable> routeTables() {
        return List.copyOf(routeTables);
    }

    synchronized List<VpcEndpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** The route table EC2 routes {@code subnet} by: its explicit association, else its VPC's main table. */
    synchronized RouteTable routeTableOf(String subnet, String vpcId) {
        return routeTables.stream().filter(t -> t.subnets().contains(subnet)).findFirst()
                .orElseGet(() -> routeTables.stream().filter(t -> t.main() && t.vpcId().equals(vpcId)).findFirst()
                        .orElseThrow());
    }

    /**
     * Whether a task in the task subnet with the task security group reaches {@code ssmmessages} on 443. An
     * available {@code ssmmessages} interface endpoint with private DNS takes the service's name, so the agent
     * goes there: the task group must allow 443 to the VPC or the endpoint's group, and the endpoint's group must
     * allow 443 in from the task. Otherwise (no endpoint, private DNS off, not available) the agent goes to the
     * public endpoint: the subnet needs a route to a NAT gateway (the tasks have no public IP, so an internet
     * gateway alone does not do) and the group must allow 443 to anywhere or to a prefix list (taken to hold
     * the service's addresses: its entries are not modelled).
     */
    synchronized boolean agentReachesSsmMessages() {
        List<Rule> egress = group(TASK_SECURITY_GROUP).map(SecurityGroup::egress).orElse(List.of()).stream()
                .filter(r -> r.allowsTcp(443)).toList();
        Optional<VpcEndpoint> endpoint = endpoints.stream().filter(e -> e.vpcId().equals(ExecPrerequisites.TASK_VPC)
                && e.type().equals("Interface") && e.state().equals("available") && e.privateDnsEnabled()
                && e.serviceName().equals("com.amazonaws." + Model.REGION + ".ssmmessages")).findFirst();
        if (endpoint.isPresent()) {
            List<String> endpointGroups = endpoint.get().groups();
            boolean out = egress.stream().anyMatch(r -> r.cidrs().contains("0.0.0.0/0") || r.cidrs().contains(VPC_CIDR)
                    || r.groups().stream().anyMatch(endpointGroups::contains));
            boolean in = endpointGroups.stream().map(this::group).flatMap(Optional::stream)
                    .flatMap(g -> g.ingress().stream()).filter(r -> r.allowsTcp(443))
                    .anyMatch(r -> r.groups().contains(TASK_SECURITY_GROUP) || r.cidrs().contains(VPC_CIDR)
                            || r.cidrs().contains("0.0.0.0/0"));
            return out && in;
        }
        boolean nat = routeTableOf(ExecPrerequisites.TASK_SUBNET, ExecPrerequisites.TASK_VPC).routes().stream()
                .anyMatch(r -> "0.0.0.0/0".equals(r.destinationCidr()) && r.natGatewayId() != null
                        && r.state().equals("active"));
        boolean out = egress.stream().anyMatch(r -> r.cidrs().contains("0.0.0.0/0") || !r.prefixLists().isEmpty());
        return nat && out;
    }
}
