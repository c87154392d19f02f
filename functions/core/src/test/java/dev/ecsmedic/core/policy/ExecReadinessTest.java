package dev.ecsmedic.core.policy;

import static dev.ecsmedic.core.policy.ExecIncident.ENABLED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.policy.Check.Status;
import dev.ecsmedic.core.policy.ExecFacts.ClusterExec;
import dev.ecsmedic.core.policy.ExecFacts.Network;
import dev.ecsmedic.core.policy.ExecFacts.RolePermissions;
import dev.ecsmedic.core.policy.ExecFacts.TaskFacts;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.TaskStatus;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskDefinitionView.ContainerDefinition;
import dev.ecsmedic.core.view.TaskView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** 22:36, the incident's new task runs with exec enabled, and ExecuteCommand fails: which cause is it? */
class ExecReadinessTest {

    private static final Instant NOW = ENABLED.plusSeconds(660);
    private static final String ROLE = "arn:aws:iam::123456789012:role/prometheus-task";
    private static final String VPC = "vpc-0f1e2d3c4b5a69788";

    private ClusterExec cluster = new ClusterExec(true, "", "DEFAULT", "");
    private TaskView task = newTask("RUNNING", "FARGATE", "1.4.0");
    private TaskDefinitionView definition = definition(false, true);
    private Optional<String> agentVersion = Optional.empty();
    private RolePermissions role = allowed(ExecReadiness.SSM_MESSAGES_ACTIONS);
    private Network network = ExecNetworkPathTest.layout().build();

    @Test
    void theIncidentsTaskWithEverythingInPlacePassesEveryCheck() {
        List<Check> checks = checks();

        assertEquals(List.of(), checks.stream().filter(c -> c.status() != Status.PASS).toList());
        assertEquals(List.of("cluster-exec-configuration", "exec-enabled", "platform-version",
                "readonly-root-filesystem", "init-process", "task-role-ssmmessages", "ssmmessages-network-path",
                "execute-command-agent"), checks.stream().map(Check::check).toList());
    }

    @Test
    void theCauseComesBeforeTheSymptomItExplains() {
        task = newTask("PENDING", "FARGATE", "1.4.0");
        role = allowed(List.of());

        List<String> failed = checks().stream().filter(c -> c.status() == Status.FAIL).map(Check::check).toList();
        assertEquals(List.of("task-role-ssmmessages", "execute-command-agent"), failed);
    }

    @Test
    void anUnreportedFargatePlatformVersionIsAWarningNotOlderThan140() {
        task = newTask("RUNNING", "FARGATE", "");

        Check version = only("platform-version");
        assertEquals(Status.WARN, version.status());
        assertTrue(version.detail().contains("not reported"), version.detail());
        assertFalse(version.detail().contains("older"), version.detail());
    }

    @Test
    void windowsOnFargateNeedsPlatform100AndHasNoInitProcessToCheck() {
        task = newTask("RUNNING", "FARGATE", "1.0.0");
        definition = new TaskDefinitionView(Incident.DEF_NEW, "iis", ROLE, List.of(),
                List.of(new ContainerDefinition("iis", true, false, Optional.empty(), false, false)),
                "WINDOWS_SERVER_2019_CORE");

        assertEquals(List.of(), checks().stream().filter(c -> c.status() != Status.PASS).toList());
        assertTrue(only("platform-version").detail().contains("Windows"), only("platform-version").detail());
        assertTrue(checks().stream().noneMatch(c -> c.check().equals("init-process")));
        task = newTask("RUNNING", "FARGATE", "LATEST");
        assertEquals(Status.PASS, only("platform-version").status());
    }

    @Test
    void aFinishedInitContainerIsDoneNotAnAgentThatNeverConnected() {
        TaskView t = newTask("RUNNING", "FARGATE", "1.4.0");
        List<TaskView.ContainerView> containers = new java.util.ArrayList<>(t.containers());
        containers.add(new TaskView.ContainerView("init", Optional.of(0), "", "STOPPED", "UNKNOWN",
                List.of(new TaskView.ManagedAgent(ExecReadiness.AGENT, "STOPPED", "", Optional.empty()))));
        task = withContainers(t, containers);

        List<Check> agents = checks().stream().filter(c -> c.check().equals("execute-command-agent")).toList();
        assertEquals(List.of(Status.PASS, Status.PASS), agents.stream().map(Check::status).toList(), agents.toString());
        assertTrue(agents.get(1).detail().contains("finished (exit 0"), agents.get(1).detail());

        containers.set(1, new TaskView.ContainerView("init", Optional.of(1), "", "STOPPED", "UNKNOWN", List.of()));
        task = withContainers(t, containers);
        assertEquals(Status.WARN, checks().stream().filter(c -> c.target().endsWith("/init")).findFirst()
                .orElseThrow().status());
    }

    @Test
    void aReadOnlySidecarOnlyWarnsAndTheWritableVolumeWorkaroundPasses() {
        ContainerDefinition app = new ContainerDefinition("prometheus", true, false, Optional.empty(), false, true);
        ContainerDefinition sidecar = new ContainerDefinition("envoy", false, false, Optional.empty(), true, true);
        definition = new TaskDefinitionView(Incident.DEF_NEW, "prometheus", ROLE, List.of(), List.of(app, sidecar));

        Check envoy = readonly("envoy");
        assertEquals(Status.WARN, envoy.status());
        assertTrue(envoy.detail().contains("exec into the other containers is not affected"), envoy.detail());
        assertEquals(Status.PASS, readonly("prometheus").status());

        List<TaskDefinitionView.MountPoint> mounts = List.of(
                new TaskDefinitionView.MountPoint("agents", "/managed-agents", false),
                new TaskDefinitionView.MountPoint("amazon-lib", "/var/lib/amazon", false),
                new TaskDefinitionView.MountPoint("amazon-log", "/var/log/amazon/ssm/", false));
        ContainerDefinition readonlyApp = new ContainerDefinition("prometheus", true, false, Optional.empty(), true,
                true, mounts);
        definition = new TaskDefinitionView(Incident.DEF_NEW, "prometheus", ROLE, List.of(), List.of(readonlyApp));
        assertEquals(Status.PASS, readonly("prometheus").status());

        ContainerDefinition logsReadOnly = new ContainerDefinition("prometheus", true, false, Optional.empty(), true,
                true, List.of(mounts.get(0), mounts.get(1),
                        new TaskDefinitionView.MountPoint("amazon-log", "/var/log/amazon/ssm", true)));
        definition = new TaskDefinitionView(Incident.DEF_NEW, "prometheus", ROLE, List.of(), List.of(logsReadOnly));
        Check missing = readonly("prometheus");
        assertEquals(Status.FAIL, missing.status());
        assertTrue(missing.fix().endsWith("mount writable volumes at /var/log/amazon/ssm"), missing.fix());
    }

    @Test
    void aSimulatorPassSaysWhatItDoesAndDoesNotCover() {
        String detail = only("task-role-ssmmessages").detail();

        assertTrue(detail.contains("identity policies, its permissions boundary and the organization's SCPs"), detail);
        assertTrue(detail.contains("not covered: VPC endpoint policies"), detail);
        assertTrue(detail.contains("conditions on request context"), detail);
    }

    @Test
    void forcingADeploymentOfASingleWriterOnEfsSaysItIsTheDeploymentThatDeadlocks() {
        task = newTask("RUNNING", "FARGATE", "1.3.0");
        definition = Incident.prometheus(Incident.DEF_NEW, "fs-0123456789abcdef0", "/prometheus");

        String fix = only("platform-version").fix();
        assertTrue(fix.contains("fs-0123456789abcdef0:/prometheus"), fix);
        assertTrue(fix.contains("exactly the one that deadlocks"), fix);
        assertTrue(fix.contains("StaleLockRemediatorFunction"), fix);
        assertTrue(fix.contains("minimumHealthyPercent 0"), fix);

        definition = definition(false, true);
        assertFalse(only("platform-version").fix().contains("deadlocks"), only("platform-version").fix());
    }

    @Test
    void anAgentThatNeverConnectedFailsAndSaysItIsTheTargetNotConnectedCase() {
        task = newTask("PENDING", "FARGATE", "1.4.0");

        Check agent = only("execute-command-agent");
        assertEquals(Status.FAIL, agent.status());
        assertTrue(agent.detail().contains("ExecuteCommandAgent PENDING"), agent.detail());
        assertTrue(agent.detail().contains("TargetNotConnectedException"), agent.detail());
    }

    @Test
    void anAgentOfAJustStartedTaskIsOnlyAWarning() {
        task = newTask("PENDING", "FARGATE", "1.4.0");

        Check agent = ExecReadiness.check(facts(), task.startedAt().orElseThrow().plusSeconds(30)).stream()
                .filter(c -> c.check().equals("execute-command-agent")).findFirst().orElseThrow();
        assertEquals(Status.WARN, agent.status());
    }

    @Test
    void aTaskWithoutExecFailsAndHasNoAgentToCheck() {
        task = new TaskView(task.taskArn(), task.taskDefinitionArn(), task.group(), task.startedBy(), TaskStatus.RUNNING,
                TaskStatus.RUNNING, HealthStatus.HEALTHY, false, "FARGATE", "1.4.0", task.createdAt(), task.startedAt(),
                Optional.empty(), "", "", task.containers(), task.subnetId(), "");

        assertEquals(Status.FAIL, only("exec-enabled").status());
        assertTrue(checks().stream().noneMatch(c -> c.check().equals("execute-command-agent")));
    }

    @Test
    void fargatePlatformVersionMustBeAtLeast140OrLatest() {
        task = newTask("RUNNING", "FARGATE", "1.3.0");
        assertEquals(Status.FAIL, only("platform-version").status());
        task = newTask("RUNNING", "FARGATE", "LATEST");
        assertEquals(Status.PASS, only("platform-version").status());
        task = newTask("RUNNING", "FARGATE", "1.10.0");
        assertEquals(Status.PASS, only("platform-version").status());
    }

    @Test
    void onEc2TheContainerAgentMustBeAtLeast1502AndUnknownIsAWarning() {
        task = newTask("RUNNING", "EC2", "");
        assertEquals(Status.WARN, only("platform-version").status());
        agentVersion = Optional.of("1.50.1");
        assertEquals(Status.FAIL, only("platform-version").status());
        agentVersion = Optional.of("1.89.2");
        assertEquals(Status.PASS, only("platform-version").status());
    }

    @Test
    void aReadOnlyRootFilesystemFailsAndNoInitProcessWarns() {
        definition = definition(true, false);

        assertEquals(Status.FAIL, only("readonly-root-filesystem").status());
        assertEquals(Status.WARN, only("init-process").status());
    }

    @Test
    void aTaskRoleWithoutSsmMessagesFailsNamingTheMissingActions() {
        role = allowed(List.of("ssmmessages:CreateControlChannel"));

        Check check = only("task-role-ssmmessages");
        assertEquals(Status.FAIL, check.status());
        assertTrue(check.detail().contains("ssmmessages:CreateDataChannel (implicitDeny)"), check.detail());
        assertTrue(check.detail().contains("ssmmessages:OpenControlChannel"), check.detail());
        assertTrue(check.detail().contains("ssmmessages:OpenDataChannel"), check.detail());
        assertFalse(check.fix().contains("CreateControlChannel"), check.fix());
    }

    @Test
    void noTaskRoleFails() {
        role = RolePermissions.unknown("", "no task role");

        assertEquals(Status.FAIL, only("task-role-ssmmessages").status());
    }

    @Test
    void aRoleThatCannotBeSimulatedIsAWarningNotAPass() {
        role = RolePermissions.unknown(ROLE, "AccessDenied: not authorized to perform iam:SimulatePrincipalPolicy");

        Check check = only("task-role-ssmmessages");
        assertEquals(Status.WARN, check.status());
        assertTrue(check.detail().contains("AccessDenied"), check.detail());
    }

    @Test
    void aClusterKmsKeyNeedsKmsDecryptOnTheTaskRole() {
        String key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
        cluster = new ClusterExec(true, key, "DEFAULT", "");
        assertEquals(Status.FAIL, only("task-role-kms-decrypt").status());

        Map<String, String> decisions = new LinkedHashMap<>(role.decisions());
        decisions.put(ExecReadiness.KMS_DECRYPT, "allowed");
        role = new RolePermissions(ROLE, decisions, "");
        assertEquals(Status.PASS, only("task-role-kms-decrypt").status());
        assertTrue(only("cluster-exec-configuration").detail().contains(key));
    }

    @Test
    void overrideLoggingIsNotedAsAWarning() {
        cluster = new ClusterExec(true, "", "OVERRIDE", "");

        assertEquals(Status.WARN, only("cluster-exec-configuration").status());
    }

    @Test
    void anUnknownVpcIsAWarning() {
        network = Network.unknown("", "the task has no ENI attachment");

        assertEquals(Status.WARN, only("ssmmessages-network-path").status());
    }

    @Test
    void versionsCompareNumerically() {
        assertTrue(ExecReadiness.atLeast("1.50.2", new int[] {1, 50, 2}));
        assertTrue(ExecReadiness.atLeast("v1.51.0", new int[] {1, 50, 2}));
        assertFalse(ExecReadiness.atLeast("1.9.9", new int[] {1, 50, 2}));
        assertFalse(ExecReadiness.atLeast("", new int[] {1, 4, 0}));
    }

    private Check readonly(String container) {
        return checks().stream().filter(c -> c.check().equals("readonly-root-filesystem")
                && c.target().endsWith("/" + container)).findFirst().orElseThrow();
    }

    private static TaskView withContainers(TaskView t, List<TaskView.ContainerView> containers) {
        return new TaskView(t.taskArn(), t.taskDefinitionArn(), t.group(), t.startedBy(), t.lastStatus(),
                t.desiredStatus(), t.healthStatus(), true, t.launchType(), t.platformVersion(), t.createdAt(),
                t.startedAt(), t.stoppedAt(), "", "", containers, t.subnetId(), "");
    }

    private Check only(String name) {
        List<Check> found = checks().stream().filter(c -> c.check().equals(name)).toList();
        assertEquals(1, found.size(), name + " in " + checks());
        return found.get(0);
    }

    private List<Check> checks() {
        return ExecReadiness.check(facts(), NOW);
    }

    private ExecFacts facts() {
        return new ExecFacts("us-east-1", "observability", cluster,
                List.of(new TaskFacts(task, Optional.of(definition), agentVersion, role, network)));
    }

    private static TaskView newTask(String agentStatus, String launchType, String platformVersion) {
        TaskView t = ExecIncident.task(Incident.NEW_TASK, Incident.DEF_NEW, Incident.NEW, "RUNNING", "RUNNING",
                ENABLED.plusSeconds(400), true, agentStatus);
        return new TaskView(t.taskArn(), t.taskDefinitionArn(), t.group(), t.startedBy(), t.lastStatus(),
                t.desiredStatus(), t.healthStatus(), true, launchType, platformVersion, t.createdAt(), t.startedAt(),
                t.stoppedAt(), "", "", t.containers(), t.subnetId(), "");
    }

    private static TaskDefinitionView definition(boolean readonly, boolean init) {
        return new TaskDefinitionView(Incident.DEF_NEW, "prometheus", ROLE, List.of(),
                List.of(new ContainerDefinition("prometheus", true, false, Optional.empty(), readonly, init)));
    }

    private static RolePermissions allowed(List<String> actions) {
        Map<String, String> decisions = new LinkedHashMap<>();
        ExecReadiness.SSM_MESSAGES_ACTIONS.forEach(a -> decisions.put(a, "implicitDeny"));
        actions.forEach(a -> decisions.put(a, "allowed"));
        return new RolePermissions(ROLE, decisions, "");
    }
}
