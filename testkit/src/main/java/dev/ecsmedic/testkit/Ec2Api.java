package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;

/**
 * The EC2 reads the exec readiness check makes, in EC2's XML: DescribeSubnets here; DescribeSecurityGroups,
 * DescribeRouteTables, DescribeVpcEndpoints and DescribeNetworkInterfaces in {@link Ec2NetworkApi}.
 */
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
            case "DescribeVpcEndpoints" -> Ec2NetworkApi.describeVpcEndpoints(w.execPrerequisites().network(), form);
            case "DescribeSecurityGroups" -> Ec2NetworkApi.describeSecurityGroups(w.execPrerequisites().network(),
                    form);
            case "DescribeRouteTables" -> Ec2NetworkApi.describeRouteTables(w.execPrerequisites().network(), form);
            case "DescribeNetworkInterfaces" -> Ec2NetworkApi.describeNetworkInterfaces(w, form);
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

    private static String line(int indent, String name, String value) {
        return " ".repeat(indent) + QueryProtocol.element(name, value) + "\n";
    }
}
