package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.policy.Check.Status;
import dev.ecsmedic.core.policy.ExecFacts.ClusterExec;
import dev.ecsmedic.core.policy.ExecFacts.Network;
import dev.ecsmedic.core.policy.ExecFacts.RolePermissions;
import dev.ecsmedic.core.policy.ExecFacts.TaskFacts;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskDefinitionView.ContainerDefinition;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Judges whether ECS Exec can connect to a service's tasks, from facts already read: each check is one known
 * cause of TargetNotConnectedException, with what was seen and how to fix it. Pure.
 */
public final class ExecReadiness {

    public static final String AGENT = "ExecuteCommandAgent";
    public static final List<String> SSM_MESSAGES_ACTIONS = List.of("ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");
    public static final String KMS_DECRYPT = "kms:Decrypt";

    /** The agent may take 30-60 s to connect after the task starts; until then a missing RUNNING is a warning. */
    static final Duration AGENT_START_GRACE = Duration.ofSeconds(120);

    /**
     * Where the ExecuteCommandAgent keeps its files; writable volumes mounted here let it run in a container whose
     * root filesystem is read-only.
     */
    static final List<String> AGENT_PATHS = List.of("/managed-agents", "/var/lib/amazon/ssm", "/var/log/amazon/ssm");
    /** The checks that show exec failing rather than why: reported after every cause that may explain them. */
    static final List<String> SYMPTOMS = List.of("execute-command-agent");

    private static final String CAUSE = "a known cause of TargetNotConnectedException";
    private static final int[] FARGATE_MIN = {1, 4, 0};
    private static final int[] FARGATE_WINDOWS_MIN = {1, 0, 0};
    private static final int[] AGENT_MIN = {1, 50, 2};
    private static final String SIMULATED = "IAM policy simulator: the role's identity policies, its permissions "
            + "boundary and the organization's SCPs allow it; not covered: VPC endpoint policies, resource policies, "
            + "and conditions on request context (none was given)";

    private ExecReadiness() {}

    public static List<Check> check(ExecFacts facts, Instant now) {
        List<Check> checks = new ArrayList<>();
        checks.add(cluster(facts.cluster(), facts.clusterExec()));
        Map<String, TaskDefinitionView> definitions = new LinkedHashMap<>();
        Map<String, RolePermissions> roles = new LinkedHashMap<>();
        java.util.Set<Network> networks = new java.util.LinkedHashSet<>();
        for (TaskFacts task : facts.tasks()) {
            checks.add(execEnabled(task.task(), task.definition()));
            checks.addAll(agents(task.task(), task.definition(), now));
            checks.add(version(task));
            task.definition().ifPresent(d -> definitions.putIfAbsent(d.arn(), d));
            roles.putIfAbsent(task.role().roleArn(), task.role());
            networks.add(task.network());
        }
        definitions.values().forEach(d -> checks.addAll(containers(d)));
        String kmsKey = facts.clusterExec().kmsKeyId();
        roles.values().forEach(r -> checks.addAll(role(r, kmsKey)));
        networks.forEach(n -> checks.add(ExecNetworkPath.check(n, facts.region())));
        return causesFirst(checks);
    }

    /** Whether a VPC endpoint's service name is ssmmessages in {@code region} (China regions: {@code cn.} prefix). */
    public static boolean isSsmMessagesEndpoint(String serviceName, String region) {
        return ExecNetworkPath.isSsmMessages(serviceName, region);
    }

    /** Every cause before the symptoms it may explain; otherwise in the order checked (a stable sort). */
    public static List<Check> causesFirst(List<Check> checks) {
        List<Check> ordered = new ArrayList<>(checks);
        ordered.sort(java.util.Comparator.comparing(c -> SYMPTOMS.contains(c.check())));
        return ordered;
    }

    /**
     * The fix "force a new deployment", and when the task definition's essential containers share an EFS lock
     * domain (the one the stale-lock remediator watches), that this very deployment is the one that deadlocks.
     */
    public static String forceDeployment(String fix, Optional<TaskDefinitionView> definition) {
        java.util.Set<String> domains = definition.map(TaskDefinitionView::lockDomains).orElse(java.util.Set.of());
        if (domains.isEmpty()) {
            return fix;
        }
        return fix + "; the tasks share the EFS lock domain " + String.join(", ", domains) + " (a single writer): "
                + "this forced deployment is exactly the one that deadlocks, its new task waiting for the lock the "
                + "old one holds, unless ecs-medic's stale-lock remediation (StaleLockRemediatorFunction) stops the "
                + "old holder, or the deployment runs with minimumHealthyPercent 0 (downtime while no task runs)";
    }

    /** A container whose agent must be RUNNING: it still runs (a finished one's agent stopped with it). */
    static boolean agentExpected(ContainerView container) {
        return !"STOPPED".equals(container.lastStatus());
    }

    private static Check cluster(String cluster, ClusterExec exec) {
        String target = "cluster/" + cluster;
        if (!exec.known()) {
            return new Check("cluster-exec-configuration", target, Status.WARN, "cluster executeCommandConfiguration "
                    + "unknown: " + exec.note(), "allow ecs:DescribeClusters on the cluster");
        }
        String logging = exec.logging().isEmpty() ? "DEFAULT" : exec.logging();
        String kms = exec.kmsKeyId().isEmpty() ? "no KMS key" : "KMS key " + exec.kmsKeyId()
                + " (the task role needs kms:Decrypt)";
        if ("OVERRIDE".equals(logging)) {
            return new Check("cluster-exec-configuration", target, Status.WARN, "logging OVERRIDE, " + kms
                    + ": the task role also needs write access to the configured CloudWatch Logs group or S3 "
                    + "bucket (not simulated); a missing one is " + CAUSE,
                    "grant the task role logs:CreateLogStream/PutLogEvents or s3:PutObject on the configured "
                            + "destination");
        }
        return new Check("cluster-exec-configuration", target, Status.PASS, "logging " + logging + ", " + kms, "");
    }

    private static Check execEnabled(TaskView task, Optional<TaskDefinitionView> definition) {
        return task.enableExecuteCommand()
                ? new Check(ExecRolloutPolicy.EXEC_ENABLED, "task/" + task.id(), Status.PASS,
                        "enableExecuteCommand=true", "")
                : new Check(ExecRolloutPolicy.EXEC_ENABLED, "task/" + task.id(), Status.FAIL,
                        "enableExecuteCommand=false: the task started before exec was enabled on the service",
                        forceDeployment("force a new deployment of the service", definition));
    }

    /**
     * Each container's agent. One not RUNNING in a non-essential container fails exec into that sidecar only: a
     * WARN, since exec into the containers the service runs for is not affected by it.
     */
    private static List<Check> agents(TaskView task, Optional<TaskDefinitionView> definition, Instant now) {
        if (!task.enableExecuteCommand()) {
            return List.of();
        }
        boolean starting = task.startedAt().map(at -> at.plus(AGENT_START_GRACE).isAfter(now)).orElse(true);
        List<Check> checks = new ArrayList<>();
        for (ContainerView container : task.containers()) {
            String target = "task/" + task.id() + "/" + container.name();
            if (!agentExpected(container)) {
                checks.add(finished(container, target));
                continue;
            }
            Optional<TaskView.ManagedAgent> agent = container.managedAgents().stream()
                    .filter(a -> AGENT.equals(a.name())).findFirst();
            String status = agent.map(TaskView.ManagedAgent::lastStatus).filter(s -> !s.isEmpty()).orElse("absent");
            if ("RUNNING".equals(status)) {
                checks.add(new Check("execute-command-agent", target, Status.PASS, AGENT + " RUNNING", ""));
                continue;
            }
            String reason = agent.map(TaskView.ManagedAgent::reason).filter(r -> !r.isEmpty())
                    .map(r -> " (" + r + ")").orElse("");
            boolean sidecar = definition.flatMap(d -> d.container(container.name()))
                    .filter(c -> !c.essential()).isPresent();
            checks.add(new Check("execute-command-agent", target, starting || sidecar ? Status.WARN : Status.FAIL,
                    AGENT + " " + status + reason + (starting ? "; the task started less than "
                            + AGENT_START_GRACE.toSeconds() + " s ago and the agent may still be connecting"
                            : "; the agent never connected to Systems Manager, " + CAUSE)
                            + (sidecar ? "; exec into this non-essential container fails, exec into the others is"
                            + " not affected" : ""),
                    "see the task role, VPC endpoint, platform and root filesystem checks; then replace the task"));
        }
        return checks;
    }

    /** A non-essential container that stopped while its task runs: its agent stopped with it. */
    private static Check finished(ContainerView container, String target) {
        String exit = container.exitCode().map(String::valueOf).orElse("unknown");
        if (container.exitCode().filter(code -> code == 0).isPresent()) {
            return new Check("execute-command-agent", target, Status.PASS, "the container finished (exit 0, "
                    + "non-essential, for example an init container): its " + AGENT + " stopped with it, which is "
                    + "not a connection failure; exec into the containers still running", "");
        }
        return new Check("execute-command-agent", target, Status.WARN, "the container stopped (exit " + exit
                + ", non-essential) while the task runs: exec into it is impossible until it runs again, and its "
                + AGENT + " stopped with it, not because it never connected", "see why the container stopped");
    }

    private static Check version(TaskFacts facts) {
        TaskView task = facts.task();
        String target = "task/" + task.id();
        if ("FARGATE".equals(task.launchType()) || !task.platformVersion().isEmpty()) {
            boolean windows = facts.definition().filter(TaskDefinitionView::windows).isPresent();
            String os = windows ? "Windows" : "Linux";
            String minimum = windows ? "1.0.0" : "1.4.0";
            String version = task.platformVersion();
            if (version.isEmpty()) {
                return new Check("platform-version", target, Status.WARN, "Fargate platform version not reported "
                        + "by DescribeTasks; ECS Exec needs " + minimum + " or later (" + os + ")",
                        "check the task's platform version in the console or with aws ecs describe-tasks");
            }
            if ("LATEST".equals(version) || atLeast(version, windows ? FARGATE_WINDOWS_MIN : FARGATE_MIN)) {
                return new Check("platform-version", target, Status.PASS, "Fargate platform version " + version
                        + " (" + os + ")", "");
            }
            return new Check("platform-version", target, Status.FAIL, "Fargate platform version " + version
                    + " is older than " + minimum + ", which ECS Exec needs on " + os + "; " + CAUSE,
                    forceDeployment("set platformVersion LATEST (or " + minimum + ") on the service and force a new "
                            + "deployment", facts.definition()));
        }
        if (facts.agentVersion().isEmpty()) {
            return new Check("platform-version", target, Status.WARN, "ECS container agent version unknown "
                    + "(EC2); ECS Exec needs 1.50.2 or later", "check the instance's agent version");
        }
        String agent = facts.agentVersion().get();
        return atLeast(agent, AGENT_MIN)
                ? new Check("platform-version", target, Status.PASS, "ECS container agent " + agent, "")
                : new Check("platform-version", target, Status.FAIL, "ECS container agent " + agent
                        + " is older than 1.50.2, which ECS Exec needs; " + CAUSE,
                        "update the container agent (or the ECS-optimized AMI) on the instance");
    }

    private static List<Check> containers(TaskDefinitionView definition) {
        List<Check> checks = new ArrayList<>();
        String family = definition.family().isEmpty() ? definition.arn() : definition.family();
        for (ContainerDefinition c : definition.containers()) {
            String target = "task-definition/" + family + "/" + c.name();
            checks.add(rootFilesystem(c, target));
            if (definition.windows()) {
                continue;
            }
            checks.add(c.initProcessEnabled()
                    ? new Check("init-process", target, Status.PASS, "initProcessEnabled=true", "")
                    : new Check("init-process", target, Status.WARN, "initProcessEnabled is not set: exec "
                            + "sessions can leave zombie processes behind",
                            "set linuxParameters.initProcessEnabled to true"));
        }
        return checks;
    }

    /**
     * A read-only root filesystem stops the agent of that container only: FAIL for an essential container, WARN for
     * a sidecar, PASS with writable volumes where the agent keeps its files.
     */
    private static Check rootFilesystem(ContainerDefinition c, String target) {
        if (!c.readonlyRootFilesystem()) {
            return new Check("readonly-root-filesystem", target, Status.PASS, "root filesystem writable", "");
        }
        List<String> unwritable = AGENT_PATHS.stream().filter(path -> c.mountPoints().stream()
                .noneMatch(m -> !m.readOnly() && covers(m.containerPath(), path))).toList();
        if (unwritable.isEmpty()) {
            return new Check("readonly-root-filesystem", target, Status.PASS, "readonlyRootFilesystem=true with "
                    + "writable volumes at " + String.join(", ", AGENT_PATHS) + ", where the exec agent writes", "");
        }
        String fix = "set readonlyRootFilesystem to false on this container, or mount writable volumes at "
                + String.join(", ", unwritable);
        return c.essential()
                ? new Check("readonly-root-filesystem", target, Status.FAIL, "readonlyRootFilesystem=true and no "
                        + "writable volume at " + String.join(", ", unwritable) + ": the exec agent cannot write its "
                        + "files; " + CAUSE, fix)
                : new Check("readonly-root-filesystem", target, Status.WARN, "readonlyRootFilesystem=true on this "
                        + "non-essential container and no writable volume at " + String.join(", ", unwritable)
                        + ": exec into this container fails (" + CAUSE + "); exec into the other containers is "
                        + "not affected", fix);
    }

    private static boolean covers(String mount, String path) {
        String dir = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
        return path.equals(dir) || path.startsWith(dir + "/");
    }

    private static List<Check> role(RolePermissions role, String kmsKey) {
        if (role.roleArn().isEmpty()) {
            return List.of(new Check("task-role-ssmmessages", "task role", Status.FAIL, "the task definition has "
                    + "no task role, so the exec agent cannot open ssmmessages channels; " + CAUSE,
                    "set taskRoleArn to a role that allows " + String.join(", ", SSM_MESSAGES_ACTIONS)));
        }
        List<Check> checks = new ArrayList<>();
        checks.add(permissions("task-role-ssmmessages", role, SSM_MESSAGES_ACTIONS, "*"));
        if (!kmsKey.isEmpty()) {
            checks.add(permissions("task-role-kms-decrypt", role, List.of(KMS_DECRYPT), kmsKey));
        }
        return checks;
    }

    private static Check permissions(String name, RolePermissions role, List<String> actions, String resource) {
        if (role.decisions().isEmpty()) {
            return new Check(name, role.roleArn(), Status.WARN, "could not simulate the task role's policies: "
                    + role.note(), "allow iam:SimulatePrincipalPolicy on the role, or check it allows "
                    + String.join(", ", actions) + " on " + resource);
        }
        List<String> missing = actions.stream()
                .filter(a -> !"allowed".equals(role.decisions().getOrDefault(a, "implicitDeny"))).toList();
        if (missing.isEmpty()) {
            return new Check(name, role.roleArn(), Status.PASS, "allows " + String.join(", ", actions) + " on "
                    + resource + " (" + SIMULATED + ")", "");
        }
        List<String> described = missing.stream()
                .map(a -> a + " (" + role.decisions().getOrDefault(a, "not evaluated") + ")").toList();
        return new Check(name, role.roleArn(), Status.FAIL, "the task role lacks " + String.join(", ", described)
                + "; " + CAUSE, "allow " + String.join(", ", missing) + " on " + resource + " in the task role "
                + role.roleArn() + ", then replace the tasks");
    }

    /** Dotted versions compared numerically; a leading {@code v} is ignored; unreadable means not at least. */
    static boolean atLeast(String version, int[] minimum) {
        String[] parts = version.startsWith("v") ? version.substring(1).split("\\.") : version.split("\\.");
        for (int i = 0; i < minimum.length; i++) {
            int part;
            try {
                part = i < parts.length ? Integer.parseInt(parts[i].replaceAll("[^0-9].*$", "")) : 0;
            } catch (NumberFormatException e) {
                return false;
            }
            if (part != minimum[i]) {
                return part > minimum[i];
            }
        }
        return true;
    }
}
