package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.policy.Check;
import dev.ecsmedic.core.policy.Check.Status;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.ExecReadiness;
import dev.ecsmedic.core.policy.ExecRolloutPolicy;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.testkit.ContainerBehavior;
import dev.ecsmedic.testkit.ContainerSpec;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.ExecScenarios;
import dev.ecsmedic.testkit.NetworkLayout;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.ServiceSpec;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.TaskDefinitionSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The exec readiness checks on what ECS answers through the real SDK clients, against the simulator: the task
 * definition's runtimePlatform and mount points, the task's platform version, each container's agent, a
 * deployment the circuit breaker failed without rollback, and (through EC2) the network path to ssmmessages in
 * each of the simulator's network layouts.
 */
class ExecReadinessSdkTest {

    private static final String C = Scenarios.CLUSTER;

    private Simulator simulator;

    @AfterEach
    void stop() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
        }
    }

    @Test
    void aWindowsServiceOnFargatePassesOnPlatform100WithoutLinuxParameters() {
        TaskDefinitionSpec iis = TaskDefinitionSpec.of("iis", ContainerSpec.of("iis",
                "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2019", ContainerBehavior.steady()))
                .onWindows("WINDOWS_SERVER_2019_CORE");

        List<Check> checks = checks(iis, "iis");

        assertEquals(List.of(), notPassed(checks));
        Check version = checks.stream().filter(c -> c.check().equals("platform-version")).findFirst().orElseThrow();
        assertTrue(version.detail().contains("1.0.0 (Windows)"), version.detail());
        assertTrue(checks.stream().noneMatch(c -> c.check().equals("init-process")), checks.toString());
    }

    @Test
    void aFinishedInitContainerAndAReadOnlySidecarDoNotFailTheService() {
        TaskDefinitionSpec web = TaskDefinitionSpec.of("web",
                ContainerSpec.of("web", "public.ecr.aws/nginx/nginx:1.27", ContainerBehavior.steady())
                        .withLinux(false, true),
                ContainerSpec.of("migrate", "public.ecr.aws/example/migrate:1",
                        ContainerBehavior.finishes(Duration.ofSeconds(5))).sidecar().withLinux(false, true),
                ContainerSpec.of("envoy", "public.ecr.aws/appmesh/aws-appmesh-envoy:v1", ContainerBehavior.steady())
                        .sidecar().withLinux(true, true));

        List<Check> checks = checks(web, "web");

        assertEquals(List.of(), checks.stream().filter(c -> c.status() == Status.FAIL).toList());
        assertEquals(Status.PASS, status(checks, "execute-command-agent", "/web"));
        assertEquals(Status.PASS, status(checks, "execute-command-agent", "/migrate"));
        assertEquals(Status.WARN, status(checks, "readonly-root-filesystem", "/envoy"));
        assertEquals(Status.WARN, status(checks, "execute-command-agent", "/envoy"),
                "the sidecar's own agent cannot write: exec into it alone fails");
    }

    @Test
    void theWritableVolumeWorkaroundPassesAReadOnlyAppContainer() {
        TaskDefinitionSpec web = TaskDefinitionSpec.of("web", ContainerSpec.of("web",
                        "public.ecr.aws/nginx/nginx:1.27", ContainerBehavior.steady()).withLinux(true, true)
                .withMount("managed-agents", "/managed-agents").withMount("amazon-lib", "/var/lib/amazon")
                .withMount("amazon-log", "/var/log/amazon/ssm"));

        List<Check> checks = checks(web, "web");

        assertEquals(List.of(), notPassed(checks));
        assertEquals(Status.PASS, status(checks, "execute-command-agent", "/web"), "the agent connected");
    }

    @Test
    void aDeploymentThatFailedWithoutRollbackIsNotARolloutToWaitFor() {
        EcsWorld world = EcsWorld.create();
        world.cluster(C);
        world.registerTaskDefinition(Scenarios.webTaskDefinition());
        world.createService(ServiceSpec.of(C, Scenarios.WEB, Scenarios.WEB, 2).withDeployment(100, 200, true, false));
        world.settle(Duration.ofMinutes(5));
        world.registerRevision(Scenarios.WEB, td -> td.withContainers(List.of(ContainerSpec.of("web",
                "public.ecr.aws/nginx/nginx:1.27", ContainerBehavior.crashAtStart("nginx: [emerg] bad config")))));
        ExecScenarios.enableExec(Duration.ZERO, C, Scenarios.WEB).action().accept(world);
        Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, C, Scenarios.WEB, Scenarios.WEB + ":2").action()
                .accept(world);
        world.advance(Duration.ofMinutes(20));
        simulator = Simulator.start(world);
        EcsObserver observer = new EcsObserver(AwsClients.local(simulator.endpoint())::ecs);
        ServiceView view = observer.withTasks(observer.service(C, Scenarios.WEB).orElseThrow(), List.of());
        assertEquals(RolloutState.FAILED, view.primary().orElseThrow().rolloutState(), view.deployments().toString());
        assertFalse(view.active().isEmpty(), "the old deployment still runs its tasks");

        Plan plan = ExecRolloutPolicy.decide(view, Duration.ofSeconds(900), world.now(), Optional.empty());

        assertEquals(Decision.EXEC_NOT_READY, plan.decision(), plan.reasons().toString());
        assertTrue(plan.reasons().stream().noneMatch(r -> r.contains("rollout in progress")), plan.reasons().toString());
        assertTrue(plan.reasons().stream().anyMatch(r -> r.contains("never completes")), plan.reasons().toString());
    }

    @ParameterizedTest
    @EnumSource(NetworkLayout.class)
    void theNetworkPathPassesExactlyWhereTheAgentConnectsAndComesBeforeIt(NetworkLayout layout) {
        EcsWorld world = EcsWorld.create();
        layout.accept(world);

        List<Check> checks = checks(world, Scenarios.webTaskDefinition(), Scenarios.WEB);

        Check path = networkPath(checks);
        Status expected = layout.agentConnects() ? Status.PASS : Status.FAIL;
        assertEquals(expected, path.status(), path.toString());
        Check agent = checks.stream().filter(c -> c.check().equals("execute-command-agent")).findFirst()
                .orElseThrow();
        assertEquals(expected, agent.status(), agent.toString());
        assertTrue(checks.indexOf(path) < checks.indexOf(agent), "the cause before the symptom: " + checks);
    }

    @Test
    void aRefusedNetworkReadIsAWarningNamingThePermission() {
        for (String operation : List.of("DescribeRouteTables", "DescribeSecurityGroups",
                "DescribeNetworkInterfaces")) {
            EcsWorld world = EcsWorld.create();
            world.execPrerequisites().refuse(operation);
            Check path = networkPath(checks(world, Scenarios.webTaskDefinition(), Scenarios.WEB));
            assertEquals(Status.WARN, path.status(), path.toString());
            assertTrue(path.fix().contains("ec2:" + operation), path.fix());
            stop();
        }
    }

    private static Check networkPath(List<Check> checks) {
        return checks.stream().filter(c -> c.check().equals("ssmmessages-network-path")).findFirst()
                .orElseThrow(() -> new AssertionError(checks.toString()));
    }

    private List<Check> checks(TaskDefinitionSpec definition, String service) {
        return checks(EcsWorld.create(), definition, service);
    }

    private List<Check> checks(EcsWorld world, TaskDefinitionSpec definition, String service) {
        world.cluster(C);
        world.registerTaskDefinition(definition);
        world.createService(ServiceSpec.of(C, service, definition.family(), 1).withExecuteCommand(true));
        world.settle(Duration.ofMinutes(5));
        world.advance(Duration.ofMinutes(3));
        simulator = Simulator.start(world);
        AwsClients clients = AwsClients.local(simulator.endpoint());
        EcsObserver observer = new EcsObserver(clients::ecs);
        ServiceView view = observer.withTasks(observer.service(C, service).orElseThrow(), List.of());
        List<Check> checks = ExecReadiness.check(clients.execFacts().read(view), world.now());
        assertFalse(checks.isEmpty());
        return checks;
    }

    private static List<Check> notPassed(List<Check> checks) {
        return checks.stream().filter(c -> c.status() != Status.PASS).toList();
    }

    private static Status status(List<Check> checks, String check, String targetEnd) {
        return checks.stream().filter(c -> c.check().equals(check) && c.target().endsWith(targetEnd)).findFirst()
                .orElseThrow(() -> new AssertionError(check + " " + targetEnd + " in " + checks)).status();
    }
}
