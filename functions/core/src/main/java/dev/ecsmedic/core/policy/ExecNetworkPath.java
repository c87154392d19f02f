package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.policy.Check.Status;
import dev.ecsmedic.core.policy.ExecFacts.Endpoint;
import dev.ecsmedic.core.policy.ExecFacts.Group;
import dev.ecsmedic.core.policy.ExecFacts.Network;
import dev.ecsmedic.core.policy.ExecFacts.Route;
import dev.ecsmedic.core.policy.ExecFacts.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a task's ExecuteCommandAgent reaches {@code ssmmessages} on 443, from facts already read. An available
 * {@code ssmmessages} interface endpoint with private DNS takes the service's name: then the task's security groups
 * must allow 443 out to it and its groups 443 in from the task. Otherwise the agent goes to the public endpoint: the
 * subnet's route table needs 0.0.0.0/0 to a NAT gateway (or an internet gateway, with a public IP on the task) and
 * the task's groups 443 out to 0.0.0.0/0 or a prefix list. Pure.
 */
final class ExecNetworkPath {

    static final String NAME = "ssmmessages-network-path";
    private static final String ANYWHERE = "0.0.0.0/0";
    private static final int HTTPS = 443;

    private ExecNetworkPath() {}

    /** The interface endpoint service name of ssmmessages in a region: China regions prefix {@code cn.}. */
    static String serviceName(String region) {
        return (region.startsWith("cn-") ? "cn." : "") + unprefixed(region);
    }

    private static String unprefixed(String region) {
        return "com.amazonaws." + region + ".ssmmessages";
    }

    /**
     * Whether an endpoint's service name is ssmmessages in the region. In China regions most AWS services' endpoint
     * names carry the {@code cn.} prefix, a few do not: either spelling is taken there.
     */
    static boolean isSsmMessages(String serviceName, String region) {
        return serviceName.equals(serviceName(region)) || serviceName.equals(unprefixed(region));
    }

    static Check check(Network n, String region) {
        String service = serviceName(region);
        if (n.vpcId().isEmpty()) {
            return new Check(NAME, n.subnetId().isEmpty() ? "task network" : "subnet/" + n.subnetId(), Status.WARN,
                    "the task's VPC is unknown (" + n.note() + "); the agent needs a " + service + " interface "
                    + "endpoint or outbound HTTPS (443) through a NAT gateway",
                    "allow ec2:DescribeSubnets and ec2:DescribeVpcEndpoints, or check the VPC's endpoints and "
                            + "security group egress");
        }
        String target = "subnet/" + n.subnetId();
        for (String read : List.of("interfaces", "groups")) {
            if (n.notes().containsKey(read)) {
                return new Check(NAME, target, Status.WARN, "the task's security groups are unknown: "
                        + n.notes().get(read), "allow ec2:DescribeNetworkInterfaces and ec2:DescribeSecurityGroups");
            }
        }
        List<Rule> egress = n.taskGroups().stream().map(g -> n.groups().get(g)).filter(g -> g != null)
                .flatMap(g -> g.egress().stream()).filter(r -> r.allowsTcp(HTTPS)).toList();
        String groups = "security groups " + String.join(", ", n.taskGroups());
        Optional<Endpoint> endpoint = n.endpoints().stream().filter(e -> isSsmMessages(e.serviceName(), region))
                .findFirst();
        List<String> endpointProblems = new ArrayList<>();
        if (endpoint.isPresent()) {
            Endpoint e = endpoint.get();
            if (!"available".equalsIgnoreCase(e.state())) {
                endpointProblems.add("the " + service + " endpoint is " + e.state() + ", not available");
            }
            if (!e.privateDns()) {
                endpointProblems.add("the " + service + " endpoint has private DNS off, so the agent still "
                        + "resolves the public name");
            }
            if (endpointProblems.isEmpty()) {
                return viaEndpoint(n, e, egress, target, groups, service);
            }
        }
        if (n.notes().containsKey("routes")) {
            return new Check(NAME, target, Status.WARN, "the subnet's route table is unknown: "
                    + n.notes().get("routes"), "allow ec2:DescribeRouteTables");
        }
        List<Route> defaults = n.routes().stream().filter(r -> ANYWHERE.equals(r.destination())
                && "active".equalsIgnoreCase(r.state())).toList();
        boolean nat = defaults.stream().anyMatch(r -> r.target().startsWith("nat-"));
        boolean igw = defaults.stream().anyMatch(r -> r.target().startsWith("igw-"));
        boolean out = egress.stream().anyMatch(r -> r.cidrs().contains(ANYWHERE) || !r.prefixLists().isEmpty());
        String seen = (endpointProblems.isEmpty() ? "no " + service + " interface endpoint in " + n.vpcId()
                : String.join("; ", endpointProblems)) + "; 0.0.0.0/0 routes to "
                + (defaults.isEmpty() ? "nothing" : String.join(", ", defaults.stream().map(Route::target).toList()))
                + "; " + groups + (out ? " allow" : " do not allow") + " 443 out to 0.0.0.0/0 or a prefix list";
        if (out && nat) {
            return new Check(NAME, target, Status.PASS, seen + ": the agent reaches the public ssmmessages endpoint "
                    + "through the NAT gateway", "");
        }
        if (out && igw && n.publicIp().isEmpty()) {
            return new Check(NAME, target, Status.WARN, seen + "; whether the task has a public IP is unknown: "
                    + "through an internet gateway only a task with a public IP connects",
                    "run the tasks with assignPublicIp ENABLED, or route 0.0.0.0/0 to a NAT gateway");
        }
        if (out && igw && n.publicIp().get()) {
            return new Check(NAME, target, Status.PASS, seen + "; the task has a public IP", "");
        }
        if (out && !igw && defaults.stream().anyMatch(r -> !r.target().isEmpty() && !"local".equals(r.target()))) {
            return new Check(NAME, target, Status.WARN, seen + "; whether that target (a transit gateway, a peering "
                    + "or a firewall, say) carries 443 on to the internet is not checked",
                    "check that the 0.0.0.0/0 route's target reaches ssmmessages, or create a " + service
                            + " interface endpoint with private DNS");
        }
        List<String> fixes = new ArrayList<>();
        if (!out) {
            fixes.add("allow outbound TCP 443 to 0.0.0.0/0 (or the service's prefix list) in " + groups);
        }
        if (!nat) {
            fixes.add(igw ? "give the tasks a public IP (assignPublicIp ENABLED) or route 0.0.0.0/0 to a NAT gateway"
                    : "route 0.0.0.0/0 from the subnet's route table to a NAT gateway");
        }
        fixes.add(endpointProblems.isEmpty() ? "or create a " + service + " interface endpoint with private DNS"
                : "or make the " + service + " endpoint available with private DNS enabled");
        return new Check(NAME, target, Status.FAIL, seen + ": the agent cannot reach ssmmessages, a known cause of "
                + "TargetNotConnectedException", String.join("; ", fixes));
    }

    private static Check viaEndpoint(Network n, Endpoint e, List<Rule> egress, String target, String groups,
            String service) {
        boolean out = egress.stream().anyMatch(r -> r.cidrs().stream().anyMatch(c -> covers(c, n.subnetCidr()))
                || r.groups().stream().anyMatch(e.groups()::contains));
        boolean in = e.groups().stream().map(g -> n.groups().get(g)).filter(g -> g != null)
                .flatMap(g -> g.ingress().stream()).filter(r -> r.allowsTcp(HTTPS))
                .anyMatch(r -> r.groups().stream().anyMatch(n.taskGroups()::contains)
                        || r.cidrs().stream().anyMatch(c -> covers(c, n.subnetCidr())));
        String seen = "interface endpoint " + service + " available with private DNS, security groups "
                + String.join(", ", e.groups());
        if (out && in) {
            return new Check(NAME, target, Status.PASS, seen + "; " + groups + " allow 443 out to it and it allows "
                    + "443 in from the task", "");
        }
        List<String> fixes = new ArrayList<>();
        if (!out) {
            fixes.add("allow outbound TCP 443 in " + groups + " to the endpoint's security group "
                    + String.join(", ", e.groups()) + " (or the VPC CIDR)");
        }
        if (!in) {
            fixes.add("allow inbound TCP 443 in the endpoint's security group " + String.join(", ", e.groups())
                    + " from " + groups);
        }
        return new Check(NAME, target, Status.FAIL, seen + "; " + (out ? "" : groups + " do not allow 443 out to it; ")
                + (in ? "" : "it does not allow 443 in from the task; ") + "a known cause of "
                + "TargetNotConnectedException", String.join("; ", fixes));
    }

    /** Whether IPv4 CIDR {@code outer} holds all of {@code inner} (0.0.0.0/0 holds everything, even unknown). */
    static boolean covers(String outer, String inner) {
        if (ANYWHERE.equals(outer)) {
            return true;
        }
        if (inner.isEmpty() || !outer.contains("/") || !inner.contains("/")) {
            return false;
        }
        int outerBits = Integer.parseInt(outer.substring(outer.indexOf('/') + 1));
        int innerBits = Integer.parseInt(inner.substring(inner.indexOf('/') + 1));
        if (outerBits > innerBits) {
            return false;
        }
        long mask = outerBits == 0 ? 0 : (0xFFFFFFFFL << (32 - outerBits)) & 0xFFFFFFFFL;
        return (address(outer) & mask) == (address(inner) & mask);
    }

    private static long address(String cidr) {
        long value = 0;
        for (String part : cidr.substring(0, cidr.indexOf('/')).split("\\.")) {
            value = value << 8 | Integer.parseInt(part);
        }
        return value;
    }
}
