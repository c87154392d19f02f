package dev.ecsmedic.testkit;

import java.util.function.Consumer;

/**
 * The task network layouts of the exec network check, each with whether the ExecuteCommandAgent reaches
 * {@code ssmmessages} in it: a check's verdict on a layout should agree with {@link #agentConnects}. Each is a
 * world setup, for a scenario's setup or a test's world.
 */
public enum NetworkLayout implements Consumer<EcsWorld> {
    /** Egress to anywhere, the main route table to a NAT gateway. */
    DEFAULT(true, n -> { }),
    /** 443 only to the endpoints' security group, but no ssmmessages endpoint (NAT present). */
    EGRESS_ONLY_TO_ENDPOINT_GROUP(false, VpcNetwork::egressOnlyToEndpointSecurityGroup),
    /** 443 only to the endpoints' security group, an available ssmmessages endpoint with private DNS. */
    EGRESS_ONLY_TO_ENDPOINT_GROUP_WITH_ENDPOINT(true, n -> n.egressOnlyToEndpointSecurityGroup().privateSubnet()
            .ssmmessagesEndpoint(true, "available")),
    /** 443 only to a prefix list, through the NAT. */
    EGRESS_TO_PREFIX_LIST(true, VpcNetwork::egressOnlyToPrefixList),
    /** HTTP and NFS out, nothing on 443. */
    NO_HTTPS_EGRESS(false, VpcNetwork::noHttpsEgress),
    /** A private subnet: no NAT, no internet gateway, no endpoint. */
    PRIVATE_SUBNET(false, VpcNetwork::privateSubnet),
    /** A private subnet with an available ssmmessages endpoint with private DNS. */
    PRIVATE_SUBNET_WITH_SSMMESSAGES_ENDPOINT(true, n -> n.privateSubnet().ssmmessagesEndpoint(true, "available")),
    /** A private subnet whose ssmmessages endpoint has private DNS off: the public name resolves, no route. */
    SSMMESSAGES_ENDPOINT_PRIVATE_DNS_OFF(false, n -> n.privateSubnet().ssmmessagesEndpoint(false, "available")),
    /** A private subnet whose ssmmessages endpoint is still pending. */
    SSMMESSAGES_ENDPOINT_PENDING(false, n -> n.privateSubnet().ssmmessagesEndpoint(true, "pending")),
    /** Interface endpoints for ECR, Logs and Secrets Manager, none for ssmmessages, and the NAT. */
    OTHER_ENDPOINTS_WITH_NAT(true, VpcNetwork::interfaceEndpointsForOtherServices),
    /** The same endpoints in a private subnet. */
    OTHER_ENDPOINTS_PRIVATE_SUBNET(false, n -> n.interfaceEndpointsForOtherServices().privateSubnet()),
    /** 0.0.0.0/0 to an internet gateway only: the tasks have no public IP. */
    INTERNET_GATEWAY_WITHOUT_PUBLIC_IP(false, n -> n.taskSubnetRoutes(VpcNetwork.Route.toInternetGateway(
            VpcNetwork.INTERNET_GATEWAY)));

    private final boolean agentConnects;
    private final Consumer<VpcNetwork> layout;

    NetworkLayout(boolean agentConnects, Consumer<VpcNetwork> layout) {
        this.agentConnects = agentConnects;
        this.layout = layout;
    }

    /** Whether the ExecuteCommandAgent of a task in this layout reaches ssmmessages (all else allowing). */
    public boolean agentConnects() {
        return agentConnects;
    }

    @Override
    public void accept(EcsWorld world) {
        layout.accept(world.execPrerequisites().network());
    }
}
