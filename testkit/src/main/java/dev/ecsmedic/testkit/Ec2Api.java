package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The EC2 reads the exec readiness check makes: DescribeSubnets and DescribeVpcEndpoints, in EC2's XML. */
final class Ec2Api {
    private Ec2Api() {
    }

    static JsonNode handle(EcsWorld w, String caller, String op, ObjectNode form) {
        if (w.execPrerequisites().refuses(op)) {
            throw new AwsError(403, "UnauthorizedOperation", "You are not authorized to perform this operation. "
                    + "User: arn:aws:sts::" + Model.ACCOUNT + ":assumed-role/" + caller + "-role/" + caller
                    + " is not authorized to perform: ec2:" + op + " because no identity-based policy allows the ec2:"
                    + op + " action");
        }
        return switch (op) {
            case "DescribeSubnets" -> describeSubnets(w, form);
            case "DescribeVpcEndpoints" -> describeVpcEndpoints(w, form);
            default -> throw new AwsError(400, "InvalidAction", "The action " + op
                    + " is not valid for this web service.");
        };
    }

    private static JsonNode describeSubnets(EcsWorld w, ObjectNode form) {
        Map<String, String> subnets = w.execPrerequisites().subnets();
        List<String> ids = QueryProtocol.list(form, "SubnetId");
        if (ids.isEmpty()) {
            ids = List.copyOf(subnets.keySet());
        }
        StringBuilder items = new StringBuilder();
        for (String id : ids) {
            String vpc = subnets.get(id);
            if (vpc == null) {
                throw new AwsError(400, "InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
            items.append("        <item>\n")
                    .append(line(12, "subnetId", id))
                    .append(line(12, "subnetArn", "arn:aws:ec2:" + Model.REGION + ":" + Model.ACCOUNT + ":subnet/" + id))
                    .append(line(12, "state", "available"))
                    .append(line(12, "ownerId", Model.ACCOUNT))
                    .append(line(12, "vpcId", vpc))
                    .append(line(12, "cidrBlock", "10.0.1.0/24"))
                    .append("            <ipv6CidrBlockAssociationSet/>\n")
                    .append(line(12, "availableIpAddressCount", "247"))
                    .append(line(12, "availabilityZone", Model.REGION + "a"))
                    .append(line(12, "availabilityZoneId", "use1-az1"))
                    .append(line(12, "defaultForAz", "false"))
                    .append(line(12, "mapPublicIpOnLaunch", "false"))
                    .append(line(12, "assignIpv6AddressOnCreation", "false"))
                    .append("            <tagSet/>\n")
                    .append("        </item>\n");
        }
        return TextNode.valueOf(QueryProtocol.ec2Response("DescribeSubnets",
                "    <subnetSet>\n" + items + "    </subnetSet>\n"));
    }

    private static JsonNode describeVpcEndpoints(EcsWorld w, ObjectNode form) {
        List<String> ids = QueryProtocol.list(form, "VpcEndpointId");
        List<ExecPrerequisites.VpcEndpoint> matching = new ArrayList<>();
        for (ExecPrerequisites.VpcEndpoint e : w.execPrerequisites().endpoints()) {
            if ((ids.isEmpty() || ids.contains(e.id())) && matches(form, e)) {
                matching.add(e);
            }
        }
        StringBuilder items = new StringBuilder();
        for (ExecPrerequisites.VpcEndpoint e : matching) {
            boolean iface = e.type().equals("Interface");
            items.append("        <item>\n")
                    .append(line(12, "vpcEndpointId", e.id()))
                    .append(line(12, "vpcEndpointType", e.type()))
                    .append(line(12, "vpcId", e.vpcId()))
                    .append(line(12, "serviceName", e.serviceName()))
                    .append(line(12, "state", "available"))
                    .append(line(12, "policyDocument", "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":"
                            + "\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}"))
                    .append("            <routeTableIdSet/>\n")
                    .append(iface ? "            <subnetIdSet>\n                <item>" + ExecPrerequisites.TASK_SUBNET
                            + "</item>\n            </subnetIdSet>\n" : "            <subnetIdSet/>\n")
                    .append(iface ? "            <groupSet>\n                <item>\n"
                            + "                    <groupId>sg-0e1d2c3b4a5968778</groupId>\n"
                            + "                    <groupName>vpc-endpoints</groupName>\n                </item>\n"
                            + "            </groupSet>\n" : "            <groupSet/>\n")
                    .append(line(12, "ipAddressType", "ipv4"))
                    .append(line(12, "privateDnsEnabled", String.valueOf(iface)))
                    .append(line(12, "requesterManaged", "false"))
                    .append("            <networkInterfaceIdSet/>\n")
                    .append("            <dnsEntrySet/>\n")
                    .append(line(12, "creationTimestamp", "2025-06-02T09:14:27.000Z"))
                    .append("            <tagSet/>\n")
                    .append(line(12, "ownerId", Model.ACCOUNT))
                    .append("        </item>\n");
        }
        return TextNode.valueOf(QueryProtocol.ec2Response("DescribeVpcEndpoints",
                "    <vpcEndpointSet>\n" + items + "    </vpcEndpointSet>\n"));
    }

    /** Filters of one name are ORed over their values, different names ANDed, as EC2 documents. */
    private static boolean matches(ObjectNode form, ExecPrerequisites.VpcEndpoint e) {
        for (int i = 1; form.has("Filter." + i + ".Name"); i++) {
            String name = form.get("Filter." + i + ".Name").asText();
            List<String> values = QueryProtocol.list(form, "Filter." + i + ".Value");
            String actual = switch (name) {
                case "vpc-id" -> e.vpcId();
                case "service-name" -> e.serviceName();
                case "vpc-endpoint-type" -> e.type();
                case "vpc-endpoint-id" -> e.id();
                default -> throw new AwsError(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
            };
            if (!values.contains(actual)) {
                return false;
            }
        }
        return true;
    }

    private static String line(int indent, String name, String value) {
        return " ".repeat(indent) + QueryProtocol.element(name, value) + "\n";
    }
}
