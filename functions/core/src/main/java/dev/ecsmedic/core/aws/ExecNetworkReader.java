package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.policy.ExecFacts.Endpoint;
import dev.ecsmedic.core.policy.ExecFacts.Group;
import dev.ecsmedic.core.policy.ExecFacts.Network;
import dev.ecsmedic.core.policy.ExecFacts.Route;
import dev.ecsmedic.core.policy.ExecFacts.Rule;
import dev.ecsmedic.core.policy.ExecReadiness;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.view.TaskView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.RouteTable;

/**
 * Reads the network a service's tasks reach ssmmessages through: DescribeSubnets (VPC, CIDR), DescribeVpcEndpoints
 * (interface endpoints, state, private DNS, groups), DescribeNetworkInterfaces (the tasks' security groups and
 * public IP), DescribeSecurityGroups (their rules and the ssmmessages endpoint's) and DescribeRouteTables (the
 * subnet's table, else the VPC's main one). One call per operation (paged); a read that is refused becomes a note.
 */
final class ExecNetworkReader {

    private record Eni(List<String> groups, Optional<Boolean> publicIp) {}

    private final Supplier<Ec2Client> ec2;
    private final String region;

    ExecNetworkReader(Supplier<Ec2Client> ec2, String region) {
        this.ec2 = ec2;
        this.region = region;
    }

    /** Task ARN to its network; tasks without a subnet are left out. */
    Map<String, Network> read(List<TaskView> tasks) {
        Set<String> subnets = new LinkedHashSet<>();
        tasks.stream().map(TaskView::subnetId).filter(s -> !s.isEmpty()).forEach(subnets::add);
        Map<String, Network> networks = new HashMap<>();
        if (subnets.isEmpty()) {
            return networks;
        }
        Map<String, String> vpcs = new LinkedHashMap<>();
        Map<String, String> cidrs = new HashMap<>();
        try {
            AwsErrors.call(() -> ec2.get().describeSubnets(b -> b.subnetIds(subnets)).subnets()).forEach(s -> {
                vpcs.put(s.subnetId(), s.vpcId());
                cidrs.put(s.subnetId(), s.cidrBlock() == null ? "" : s.cidrBlock());
            });
        } catch (AwsFailure e) {
            String note = AwsErrors.noteOrThrow(e);
            tasks.forEach(t -> networks.put(t.taskArn(), Network.unknown(t.subnetId(), note)));
            return networks;
        }
        Set<String> vpcIds = new LinkedHashSet<>(vpcs.values());
        Map<String, List<Endpoint>> endpoints = new HashMap<>();
        String endpointNote = AwsErrors.noteOf(() -> Pages.each(token -> ec2.get().describeVpcEndpoints(b -> b
                .filters(filter("vpc-id", vpcIds)).nextToken(token)), r -> r.nextToken(), r -> r.vpcEndpoints()
                .stream().filter(e -> "Interface".equalsIgnoreCase(e.vpcEndpointTypeAsString()))
                .forEach(e -> endpoints.computeIfAbsent(e.vpcId(), v -> new ArrayList<>()).add(new Endpoint(
                        e.serviceName(), text(e.stateAsString()), Boolean.TRUE.equals(e.privateDnsEnabled()),
                        e.groups().stream().map(g -> g.groupId()).toList())))));
        Map<String, String> notes = new HashMap<>();
        Map<String, Eni> enis = interfaces(tasks, notes);
        Set<String> groupIds = new LinkedHashSet<>();
        enis.values().forEach(e -> groupIds.addAll(e.groups()));
        endpoints.values().forEach(list -> list.stream()
                .filter(e -> ExecReadiness.isSsmMessagesEndpoint(e.serviceName(), region))
                .forEach(e -> groupIds.addAll(e.groups())));
        Map<String, Group> groups = groups(groupIds, notes);
        Map<String, List<Route>> routes = new HashMap<>();
        String routeNote = AwsErrors.noteOf(() -> routes.putAll(routes(vpcs, vpcIds)));
        for (TaskView task : tasks) {
            String subnet = task.subnetId();
            String vpc = vpcs.get(subnet);
            if (subnet.isEmpty()) {
                continue;
            }
            if (vpc == null || !endpointNote.isEmpty()) {
                networks.put(task.taskArn(), Network.unknown(subnet, vpc == null ? "DescribeSubnets did not return "
                        + subnet : endpointNote));
                continue;
            }
            Map<String, String> taskNotes = new HashMap<>(notes);
            if (!routeNote.isEmpty()) {
                taskNotes.put("routes", routeNote);
            }
            Eni eni = enis.get(task.networkInterfaceId());
            if (eni == null && !taskNotes.containsKey("interfaces")) {
                taskNotes.put("interfaces", "DescribeNetworkInterfaces did not return the task's network interface "
                        + (task.networkInterfaceId().isEmpty() ? "(none reported)" : task.networkInterfaceId()));
            }
            networks.put(task.taskArn(), new Network(subnet, vpc, cidrs.getOrDefault(subnet, ""),
                    endpoints.getOrDefault(vpc, List.of()), routes.getOrDefault(subnet, List.of()),
                    eni == null ? List.of() : eni.groups(), eni == null ? Optional.empty() : eni.publicIp(),
                    groups, taskNotes, ""));
        }
        return networks;
    }

    private Map<String, Eni> interfaces(List<TaskView> tasks, Map<String, String> notes) {
        List<String> ids = tasks.stream().map(TaskView::networkInterfaceId).filter(i -> !i.isEmpty()).distinct()
                .toList();
        Map<String, Eni> enis = new HashMap<>();
        if (ids.isEmpty()) {
            return enis;
        }
        note(notes, "interfaces", AwsErrors.noteOf(() -> Pages.each(token -> ec2.get().describeNetworkInterfaces(
                b -> b.networkInterfaceIds(ids).nextToken(token)), r -> r.nextToken(),
                r -> r.networkInterfaces().forEach(n -> enis.put(n.networkInterfaceId(), eni(n))))));
        return enis;
    }

    /** The ENI's groups; it has a public IP when its association carries one (no association: none). */
    private static Eni eni(NetworkInterface n) {
        boolean publicIp = n.association() != null && n.association().publicIp() != null;
        return new Eni(n.groups().stream().map(g -> g.groupId()).toList(), Optional.of(publicIp));
    }

    private Map<String, Group> groups(Set<String> ids, Map<String, String> notes) {
        Map<String, Group> groups = new HashMap<>();
        if (ids.isEmpty()) {
            return groups;
        }
        note(notes, "groups", AwsErrors.noteOf(() -> Pages.each(token -> ec2.get().describeSecurityGroups(b -> b
                .groupIds(ids).nextToken(token)), r -> r.nextToken(), r -> r.securityGroups().forEach(g -> groups.put(
                g.groupId(), new Group(g.groupId(), rules(g.ipPermissions()), rules(g.ipPermissionsEgress())))))));
        return groups;
    }

    private static void note(Map<String, String> notes, String read, String note) {
        if (!note.isEmpty()) {
            notes.put(read, note);
        }
    }

    private static List<Rule> rules(List<IpPermission> permissions) {
        return permissions.stream().map(p -> new Rule(text(p.ipProtocol()), p.fromPort(), p.toPort(),
                p.ipRanges().stream().map(r -> r.cidrIp()).toList(),
                p.prefixListIds().stream().map(pl -> pl.prefixListId()).toList(),
                p.userIdGroupPairs().stream().map(g -> g.groupId()).toList())).toList();
    }

    /**
     * Subnet to the routes of its route table: the one explicitly associated with it, else its VPC's main table
     * (one DescribeRouteTables of the VPCs' tables).
     */
    private Map<String, List<Route>> routes(Map<String, String> vpcs, Set<String> vpcIds) {
        List<RouteTable> tables = new ArrayList<>();
        AwsErrors.run(() -> Pages.each(token -> ec2.get().describeRouteTables(b -> b.filters(filter("vpc-id",
                vpcIds)).nextToken(token)), r -> r.nextToken(), r -> tables.addAll(r.routeTables())));
        Map<String, List<Route>> routes = new HashMap<>();
        vpcs.forEach((subnet, vpc) -> tables.stream()
                .filter(t -> t.associations().stream().anyMatch(a -> subnet.equals(a.subnetId()))).findFirst()
                .or(() -> tables.stream().filter(t -> vpc.equals(t.vpcId()) && t.associations().stream()
                        .anyMatch(a -> Boolean.TRUE.equals(a.main()))).findFirst())
                .ifPresent(t -> routes.put(subnet, t.routes().stream().map(r -> new Route(
                        text(r.destinationCidrBlock()), target(r), text(r.stateAsString()))).toList())));
        return routes;
    }

    /** The route's target: a NAT gateway, a gateway (igw-, local), a transit gateway, a peering, an ENI, ... */
    private static String target(software.amazon.awssdk.services.ec2.model.Route r) {
        return java.util.stream.Stream.of(r.natGatewayId(), r.gatewayId(), r.transitGatewayId(),
                r.vpcPeeringConnectionId(), r.networkInterfaceId(), r.instanceId()).filter(t -> t != null)
                .findFirst().orElse("");
    }

    private static Filter filter(String name, java.util.Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
