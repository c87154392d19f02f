package dev.ecsmedic.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.policy.Check.Status;
import dev.ecsmedic.core.policy.ExecFacts.Endpoint;
import dev.ecsmedic.core.policy.ExecFacts.Group;
import dev.ecsmedic.core.policy.ExecFacts.Network;
import dev.ecsmedic.core.policy.ExecFacts.Route;
import dev.ecsmedic.core.policy.ExecFacts.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The route from the task to ssmmessages on 443: through an interface endpoint, or out through a NAT gateway. */
class ExecNetworkPathTest {

    static final String TASK_SG = "sg-task";
    static final String ENDPOINT_SG = "sg-endpoints";
    static final String SSM = "com.amazonaws.us-east-1.ssmmessages";

    /** A network under construction: by default egress anywhere and 0.0.0.0/0 to a NAT gateway. */
    static final class Layout {
        List<Endpoint> endpoints = new ArrayList<>();
        List<Route> routes = new ArrayList<>(List.of(new Route("10.0.0.0/16", "local", "active"),
                new Route("0.0.0.0/0", "nat-0b1c", "active")));
        List<Rule> egress = new ArrayList<>(List.of(new Rule("-1", null, null, List.of("0.0.0.0/0"), List.of(),
                List.of())));
        List<Rule> endpointIngress = new ArrayList<>(List.of(tcp443(List.of(), List.of(TASK_SG))));
        Optional<Boolean> publicIp = Optional.of(false);
        Map<String, String> notes = new HashMap<>();

        Layout privateSubnet() {
            routes = new ArrayList<>(List.of(new Route("10.0.0.0/16", "local", "active")));
            return this;
        }

        Layout endpoint(String service, String state, boolean privateDns) {
            endpoints.add(new Endpoint(service, state, privateDns, List.of(ENDPOINT_SG)));
            return this;
        }

        Layout routes(Route... table) {
            routes = List.of(table);
            return this;
        }

        Layout egress(Rule... rules) {
            egress = List.of(rules);
            return this;
        }

        Network build() {
            return new Network("subnet-0a1b", "vpc-0f1e", "10.0.1.0/24", endpoints, routes, List.of(TASK_SG),
                    publicIp, Map.of(TASK_SG, new Group(TASK_SG, List.of(), egress), ENDPOINT_SG,
                            new Group(ENDPOINT_SG, endpointIngress, List.of())), notes, "");
        }
    }

    static Layout layout() {
        return new Layout();
    }

    static Rule tcp443(List<String> cidrs, List<String> groups) {
        return new Rule("tcp", 443, 443, cidrs, List.of(), groups);
    }

    private static Check check(Layout layout) {
        return ExecNetworkPath.check(layout.build(), "us-east-1");
    }

    @Test
    void anAvailableEndpointWithPrivateDnsAndTheGroupsAllowingIt() {
        Layout l = layout().privateSubnet().endpoint(SSM, "available", true)
                .egress(tcp443(List.of(), List.of(ENDPOINT_SG)));
        assertEquals(Status.PASS, check(l).status(), check(l).detail());
        l.egress(tcp443(List.of("10.0.0.0/16"), List.of()));
        assertEquals(Status.PASS, check(l).status(), check(l).detail());
    }

    @Test
    void theEndpointsGroupMustLetTheTaskIn() {
        Layout l = layout().privateSubnet().endpoint(SSM, "available", true);
        l.endpointIngress = List.of(tcp443(List.of(), List.of("sg-other")));
        Check c = check(l);
        assertEquals(Status.FAIL, c.status());
        assertTrue(c.fix().contains("inbound TCP 443 in the endpoint's security group " + ENDPOINT_SG), c.fix());
    }

    @Test
    void anEndpointWithPrivateDnsOffDoesNotHelpAPrivateSubnet() {
        Check c = check(layout().privateSubnet().endpoint(SSM, "available", false));
        assertEquals(Status.FAIL, c.status());
        assertTrue(c.detail().contains("private DNS off"), c.detail());
        assertTrue(c.fix().contains("private DNS enabled"), c.fix());
    }

    @Test
    void aPendingEndpointDoesNotHelpAPrivateSubnet() {
        Check c = check(layout().privateSubnet().endpoint(SSM, "pending", true));
        assertEquals(Status.FAIL, c.status());
        assertTrue(c.detail().contains("pending, not available"), c.detail());
        assertEquals(Status.FAIL, check(layout().privateSubnet().endpoint(SSM, "PENDING", true)).status());
        assertEquals(Status.PASS, check(layout().privateSubnet().endpoint(SSM, "Available", true)).status());
    }

    @Test
    void natGatewayAndEgressAnywherePasses() {
        Check c = check(layout());
        assertEquals(Status.PASS, c.status());
        assertTrue(c.detail().contains("nat-0b1c"), c.detail());
    }

    @Test
    void noHttpsEgressFailsWithTheRuleToAdd() {
        Check c = check(layout().egress(new Rule("tcp", 80, 80, List.of("0.0.0.0/0"), List.of(), List.of()),
                new Rule("tcp", 2049, 2049, List.of("10.0.0.0/16"), List.of(), List.of())));
        assertEquals(Status.FAIL, c.status());
        assertTrue(c.fix().contains("allow outbound TCP 443 to 0.0.0.0/0"), c.fix());
        assertFalse(c.fix().contains("route 0.0.0.0/0"), c.fix());
    }

    @Test
    void aPrivateSubnetWithoutNatOrEndpointFailsWithTheRouteToAdd() {
        Check c = check(layout().privateSubnet());
        assertEquals(Status.FAIL, c.status());
        assertTrue(c.detail().contains("routes to nothing"), c.detail());
        assertTrue(c.fix().contains("route 0.0.0.0/0 from the subnet's route table to a NAT gateway"), c.fix());
        assertTrue(c.fix().contains("create a " + SSM + " interface endpoint"), c.fix());
    }

    @Test
    void endpointsForOtherServicesWithNatPass() {
        Layout l = layout().endpoint("com.amazonaws.us-east-1.ecr.dkr", "available", true)
                .endpoint("com.amazonaws.us-east-1.logs", "available", true);
        assertEquals(Status.PASS, check(l).status());
        assertEquals(Status.FAIL, check(l.privateSubnet()).status());
    }

    @Test
    void egressToAPrefixListThroughTheNatPasses() {
        Layout l = layout().egress(new Rule("tcp", 443, 443, List.of(), List.of("pl-0123"), List.of()));
        assertEquals(Status.PASS, check(l).status());
    }

    @Test
    void anInternetGatewayNeedsAPublicIp() {
        Layout l = layout().routes(new Route("0.0.0.0/0", "igw-0a9b", "active"));
        assertEquals(Status.FAIL, check(l).status());
        assertTrue(check(l).fix().contains("public IP"), check(l).fix());
        l.publicIp = Optional.empty();
        assertEquals(Status.WARN, check(l).status());
        l.publicIp = Optional.of(true);
        assertEquals(Status.PASS, check(l).status());
    }

    @Test
    void aRouteToATransitGatewayIsAWarningNotAFailure() {
        Check c = check(layout().routes(new Route("0.0.0.0/0", "tgw-0c1d", "active")));
        assertEquals(Status.WARN, c.status(), c.detail());
        assertTrue(c.detail().contains("tgw-0c1d"), c.detail());
    }

    @Test
    void aBlackholeRouteIsNoRoute() {
        assertEquals(Status.FAIL, check(layout().routes(new Route("0.0.0.0/0", "nat-0b1c", "blackhole"))).status());
    }

    @Test
    void chinaRegionsNameTheEndpointWithTheCnPrefix() {
        assertEquals("cn.com.amazonaws.cn-north-1.ssmmessages", ExecNetworkPath.serviceName("cn-north-1"));
        assertEquals(SSM, ExecNetworkPath.serviceName("us-east-1"));
        Layout l = layout().privateSubnet().endpoint("cn.com.amazonaws.cn-north-1.ssmmessages", "available", true);
        assertEquals(Status.PASS, ExecNetworkPath.check(l.build(), "cn-north-1").status());
        assertEquals(Status.FAIL, ExecNetworkPath.check(layout().privateSubnet()
                .endpoint("cn.com.amazonaws.cn-north-1.ssm", "available", true).build(), "cn-north-1").status());
        assertEquals(Status.FAIL, ExecNetworkPath.check(layout().privateSubnet()
                .endpoint("cn.com.amazonaws.cn-northwest-1.ssmmessages", "available", true).build(), "cn-north-1")
                .status(), "another region's endpoint");
        assertFalse(ExecNetworkPath.isSsmMessages("cn.com.amazonaws.us-east-1.ssmmessages", "us-east-1"));
    }

    @Test
    void aDeniedReadIsAWarningNamingThePermission() {
        Layout l = layout();
        l.notes.put("routes", "AccessDenied: ec2:DescribeRouteTables");
        assertEquals(Status.WARN, check(l).status());
        assertTrue(check(l).fix().contains("ec2:DescribeRouteTables"), check(l).fix());
        l = layout();
        l.notes.put("groups", "UnauthorizedOperation");
        assertEquals(Status.WARN, check(l).status());
        assertTrue(check(l).fix().contains("ec2:DescribeSecurityGroups"), check(l).fix());
    }

    @Test
    void cidrsCoverNumerically() {
        assertTrue(ExecNetworkPath.covers("10.0.0.0/16", "10.0.1.0/24"));
        assertFalse(ExecNetworkPath.covers("10.1.0.0/16", "10.0.1.0/24"));
        assertFalse(ExecNetworkPath.covers("10.0.1.0/25", "10.0.1.0/24"));
        assertTrue(ExecNetworkPath.covers("0.0.0.0/0", ""));
    }
}
