package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.ecsmedic.testkit.VpcNetwork.RouteTable;
import dev.ecsmedic.testkit.VpcNetwork.Rule;
import dev.ecsmedic.testkit.VpcNetwork.SecurityGroup;
import dev.ecsmedic.testkit.VpcNetwork.VpcEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The EC2 reads of the exec network check: DescribeSecurityGroups, DescribeRouteTables, DescribeVpcEndpoints and
 * DescribeNetworkInterfaces (the tasks' ENIs), with the filters, paging and error codes the EC2 API Reference gives them.
 */
final class Ec2NetworkApi {
    private Ec2NetworkApi() {
    }

    static JsonNode describeSecurityGroups(VpcNetwork network, ObjectNode form) {
        List<SecurityGroup> groups = byIds(network.groups(), QueryProtocol.list(form, "GroupId"), SecurityGroup::id,
                id -> new AwsError(400, "InvalidGroup.NotFound", "The security group '" + id + "' does not exist"));
        List<String> names = QueryProtocol.list(form, "GroupName");
        for (String name : names) {
            if (groups.stream().noneMatch(g -> g.name().equals(name))) {
                throw new AwsError(400, "InvalidGroup.NotFound", "The security group '" + name
                        + "' does not exist in default VPC '" + ExecPrerequisites.TASK_VPC + "'");
            }
        }
        groups = groups.stream().filter(g -> names.isEmpty() || names.contains(g.name())).toList();
        groups = Ec2Xml.filter(form, groups, name -> switch (name) {
            case "group-id" -> g -> List.of(g.id());
            case "group-name" -> g -> List.of(g.name());
            case "vpc-id" -> g -> List.of(g.vpcId());
            case "description" -> g -> List.of(g.description());
            case "owner-id" -> g -> List.of(Model.ACCOUNT);
            case "egress.ip-permission.prefix-list-id" -> g -> g.egress().stream()
                    .flatMap(r -> r.prefixLists().stream()).toList();
            case "egress.ip-permission.group-id" -> g -> g.egress().stream().flatMap(r -> r.groups().stream()).toList();
            case "egress.ip-permission.cidr" -> g -> g.egress().stream().flatMap(r -> r.cidrs().stream()).toList();
            default -> null;
        });
        Ec2Xml.Page<SecurityGroup> page = Ec2Xml.page(form, groups, 5, 1000, false);
        Ec2Xml xml = new Ec2Xml(1).list("securityGroupInfo", page.items(), (x, g) -> x
                .leaf("ownerId", Model.ACCOUNT)
                .leaf("groupId", g.id())
                .leaf("groupName", g.name())
                .leaf("groupDescription", g.description())
                .leaf("vpcId", g.vpcId())
                .leaf("securityGroupArn", "arn:aws:ec2:" + Model.REGION + ":" + Model.ACCOUNT + ":security-group/"
                        + g.id())
                .list("ipPermissions", g.ingress(), Ec2NetworkApi::permission)
                .list("ipPermissionsEgress", g.egress(), Ec2NetworkApi::permission)
                .list("tagSet", List.of(), (y, t) -> { }))
                .leaf("nextToken", page.nextToken());
        return TextNode.valueOf(QueryProtocol.ec2Response("DescribeSecurityGroups", xml.toString()));
    }

    /** An IpPermission: security group pairs under {@code groups}, as EC2's XML names them. */
    private static void permission(Ec2Xml x, Rule r) {
        x.leaf("ipProtocol", r.protocol()).leaf("fromPort", r.fromPort()).leaf("toPort", r.toPort())
                .list("groups", r.groups(), (y, id) -> y.leaf("userId", Model.ACCOUNT).leaf("groupId", id))
                .list("ipRanges", r.cidrs(), (y, cidr) -> y.leaf("cidrIp", cidr))
                .list("ipv6Ranges", r.ipv6Cidrs(), (y, cidr) -> y.leaf("cidrIpv6", cidr))
                .list("prefixListIds", r.prefixLists(), (y, pl) -> y.leaf("prefixListId", pl));
    }

    /** One association of a route table: the main one (no subnet) or an explicit subnet association. */
    private record Association(String id, String tableId, boolean main, String subnetId) {
    }

    private static List<Association> associations(RouteTable t) {
        List<Association> all = new ArrayList<>();
        if (t.main()) {
            all.add(new Association("rtbassoc-" + t.id().substring(4, 17) + "0000", t.id(), true, null));
        }
        for (String subnet : t.subnets()) {
            all.add(new Association("rtbassoc-" + subnet.substring(7, 20) + "1111", t.id(), false, subnet));
        }
        return all;
    }

    static JsonNode describeRouteTables(VpcNetwork network, ObjectNode form) {
        List<RouteTable> tables = byIds(network.routeTables(), QueryProtocol.list(form, "RouteTableId"),
                RouteTable::id, id -> new AwsError(400, "InvalidRouteTableID.NotFound", "The routeTable ID '" + id
                        + "' does not exist"));
        tables = Ec2Xml.filter(form, tables, name -> switch (name) {
            case "route-table-id" -> t -> List.of(t.id());
            case "vpc-id" -> t -> List.of(t.vpcId());
            case "owner-id" -> t -> List.of(Model.ACCOUNT);
            case "association.subnet-id" -> t -> t.subnets();
            case "association.main" -> t -> associations(t).stream().map(a -> String.valueOf(a.main())).toList();
            case "association.route-table-association-id" -> t -> associations(t).stream().map(Association::id)
                    .toList();
            case "association.route-table-id" -> t -> associations(t).isEmpty() ? List.of() : List.of(t.id());
            case "route.destination-cidr-block" -> t -> routeValues(t, VpcNetwork.Route::destinationCidr);
            case "route.destination-prefix-list-id" -> t -> routeValues(t, VpcNetwork.Route::destinationPrefixList);
            case "route.gateway-id" -> t -> routeValues(t, VpcNetwork.Route::gatewayId);
            case "route.nat-gateway-id" -> t -> routeValues(t, VpcNetwork.Route::natGatewayId);
            case "route.state" -> t -> routeValues(t, VpcNetwork.Route::state);
            case "route.origin" -> t -> routeValues(t, VpcNetwork.Route::origin);
            default -> null;
        });
        Ec2Xml.Page<RouteTable> page = Ec2Xml.page(form, tables, 5, 100, false);
        Ec2Xml xml = new Ec2Xml(1).list("routeTableSet", page.items(), (x, t) -> x
                .leaf("routeTableId", t.id())
                .leaf("vpcId", t.vpcId())
                .leaf("ownerId", Model.ACCOUNT)
                .list("routeSet", t.routes(), (y, r) -> y
                        .leaf("destinationCidrBlock", r.destinationCidr())
                        .leaf("destinationPrefixListId", r.destinationPrefixList())
                        .leaf("gatewayId", r.gatewayId())
                        .leaf("natGatewayId", r.natGatewayId())
                        .leaf("state", r.state())
                        .leaf("origin", r.origin()))
                .list("associationSet", associations(t), (y, a) -> y
                        .leaf("routeTableAssociationId", a.id())
                        .leaf("routeTableId", a.tableId())
                        .leaf("subnetId", a.subnetId())
                        .leaf("main", a.main())
                        .open("associationState").leaf("state", "associated").close("associationState"))
                .list("propagatingVgwSet", List.of(), (y, v) -> { })
                .list("tagSet", List.of(), (y, v) -> { }))
                .leaf("nextToken", page.nextToken());
        return TextNode.valueOf(QueryProtocol.ec2Response("DescribeRouteTables", xml.toString()));
    }

    private static List<String> routeValues(RouteTable t, Function<VpcNetwork.Route, String> value) {
        return t.routes().stream().map(value).filter(v -> v != null).toList();
    }

    static JsonNode describeVpcEndpoints(VpcNetwork network, ObjectNode form) {
        List<VpcEndpoint> endpoints = byIds(network.endpoints(), QueryProtocol.list(form, "VpcEndpointId"),
                VpcEndpoint::id, id -> new AwsError(400, "InvalidVpcEndpointId.NotFound", "The Vpc Endpoint Id '"
                        + id + "' does not exist"));
        endpoints = Ec2Xml.filter(form, endpoints, name -> switch (name) {
            case "vpc-id" -> e -> List.of(e.vpcId());
            case "service-name" -> e -> List.of(e.serviceName());
            case "vpc-endpoint-type" -> e -> List.of(e.type());
            case "vpc-endpoint-id" -> e -> List.of(e.id());
            case "vpc-endpoint-state" -> e -> List.of(e.state());
            default -> null;
        });
        // "If the value is greater than 1,000, we return only 1,000 items."
        Ec2Xml.Page<VpcEndpoint> page = Ec2Xml.page(form, endpoints, 1, 1000, true);
        Ec2Xml xml = new Ec2Xml(1).list("vpcEndpointSet", page.items(), (x, e) -> x
                .leaf("vpcEndpointId", e.id())
                .leaf("vpcEndpointType", e.type())
                .leaf("vpcId", e.vpcId())
                .leaf("serviceName", e.serviceName())
                .leaf("state", e.state())
                .leaf("policyDocument", "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                        + "\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}")
                .strings("routeTableIdSet", List.of())
                .strings("subnetIdSet", e.subnets())
                .list("groupSet", e.groups(), (y, id) -> y.leaf("groupId", id).leaf("groupName",
                        network.group(id).map(SecurityGroup::name).orElse(null)))
                .leaf("ipAddressType", "ipv4")
                .leaf("privateDnsEnabled", e.privateDnsEnabled())
                .leaf("requesterManaged", false)
                .strings("networkInterfaceIdSet", Stream.of(e).filter(v -> v.type().equals("Interface"))
                        .map(v -> "eni-" + v.id().substring(5)).toList())
                .strings("dnsEntrySet", List.of())
                .leaf("creationTimestamp", "2025-06-02T09:14:27.000Z")
                .list("tagSet", List.of(), (y, t) -> { })
                .leaf("ownerId", Model.ACCOUNT))
                .leaf("nextToken", page.nextToken());
        return TextNode.valueOf(QueryProtocol.ec2Response("DescribeVpcEndpoints", xml.toString()));
    }

    /** A running task's network interface, from the ENI attachment ECS gives the task. */
    private record Eni(String id, String mac, String ip, String dnsName) {
    }

    /**
     * The network interfaces of the tasks ECS shows with an attached ENI: in the task subnet, with the task
     * security group of the service's awsvpcConfiguration.
     */
    static JsonNode describeNetworkInterfaces(EcsWorld w, ObjectNode form) {
        List<String> ids = QueryProtocol.list(form, "NetworkInterfaceId");
        if (!ids.isEmpty() && form.has("MaxResults")) {
            throw new AwsError(400, "InvalidParameterCombination", "The parameter NetworkInterfaceIds cannot be "
                    + "used with the parameter MaxResults");
        }
        List<Eni> enis = new ArrayList<>();
        for (String cluster : w.clusterArns()) {
            for (Model.Task t : w.tasksIn(w.requireCluster(cluster))) {
                JsonNode details = Wire.task(t, false).path("attachments").path(0).path("details");
                Map<String, String> d = new HashMap<>();
                details.forEach(n -> d.put(n.path("name").asText(), n.path("value").asText()));
                if (t.stoppedAt == null && d.containsKey("networkInterfaceId")) {
                    enis.add(new Eni(d.get("networkInterfaceId"), d.get("macAddress"), d.get("privateIPv4Address"),
                            d.get("privateDnsName")));
                }
            }
        }
        VpcNetwork network = w.execPrerequisites().network();
        List<Eni> found = byIds(enis, ids, Eni::id, id -> new AwsError(400, "InvalidNetworkInterfaceID.NotFound",
                "The networkInterface ID '" + id + "' does not exist"));
        found = Ec2Xml.filter(form, found, name -> switch (name) {
            case "network-interface-id" -> e -> List.of(e.id());
            case "group-id" -> e -> List.of(VpcNetwork.TASK_SECURITY_GROUP);
            case "subnet-id" -> e -> List.of(ExecPrerequisites.TASK_SUBNET);
            case "vpc-id" -> e -> List.of(ExecPrerequisites.TASK_VPC);
            case "private-ip-address" -> e -> List.of(e.ip());
            case "mac-address" -> e -> List.of(e.mac());
            case "status" -> e -> List.of("in-use");
            default -> null;
        });
        Ec2Xml.Page<Eni> page = Ec2Xml.page(form, found, 5, 1000, false);
        Ec2Xml xml = new Ec2Xml(1).list("networkInterfaceSet", page.items(), (x, e) -> x
                .leaf("networkInterfaceId", e.id())
                .leaf("subnetId", ExecPrerequisites.TASK_SUBNET)
                .leaf("vpcId", ExecPrerequisites.TASK_VPC)
                .leaf("availabilityZone", Model.REGION + "a")
                .leaf("ownerId", Model.ACCOUNT)
                .leaf("status", "in-use")
                .leaf("macAddress", e.mac())
                .leaf("privateIpAddress", e.ip())
                .leaf("privateDnsName", e.dnsName())
                .list("groupSet", List.of(VpcNetwork.TASK_SECURITY_GROUP), (y, id) -> y.leaf("groupId", id)
                        .leaf("groupName", network.group(id).map(SecurityGroup::name).orElse(null)))
                .list("tagSet", List.of(), (y, t) -> { }))
                .leaf("nextToken", page.nextToken());
        return TextNode.valueOf(QueryProtocol.ec2Response("DescribeNetworkInterfaces", xml.toString()));
    }

    /** The items named by {@code ids} in their order (all of them when none is named); an unknown id is an error. */
    private static <T> List<T> byIds(List<T> all, List<String> ids, Function<T, String> id,
            Function<String, AwsError> notFound) {
        if (ids.isEmpty()) {
            return all;
        }
        List<T> named = new ArrayList<>();
        for (String wanted : ids) {
            named.add(all.stream().filter(t -> id.apply(t).equals(wanted)).findFirst()
                    .orElseThrow(() -> notFound.apply(wanted)));
        }
        return named;
    }
}
