package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * exec-check against the exec scenarios served on 127.0.0.1 through the real SDK: ten simulated minutes is past
 * the forced rollout, which the exec function (template.yaml's, reacting while the scenario plays) starts at once.
 */
class ExecCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> SSM_ACTIONS = List.of("ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");
    private static final String AFTER_ROLLOUT = "@600";

    private static Cli execCheck(String scenario, String... target) {
        List<String> args = new ArrayList<>(List.of("exec-check", "--cluster", Scenarios.CLUSTER,
                "--template", Cli.repo("template.yaml"), "--simulate", scenario + AFTER_ROLLOUT, "--with-functions"));
        args.addAll(List.of(target));
        return Cli.run(args.toArray(String[]::new));
    }

    private static SimulatedAccount afterRollout(String scenario) {
        return SimulatedAccount.start(scenario + AFTER_ROLLOUT, Optional.of(Path.of(Cli.repo("template.yaml"))),
                Map.of());
    }

    @Test
    void givenATaskRoleWithoutSsmMessagesTheCheckFailsNamingTheFourActions() {
        Cli run = execCheck("exec-agent-not-running", "--service", Scenarios.WEB);

        assertEquals(1, run.exit(), run.out() + run.err());
        String role = run.out().lines().dropWhile(l -> !l.contains("FAIL  task-role-ssmmessages")).skip(1)
                .findFirst().orElseThrow(() -> new AssertionError(run.out()));
        SSM_ACTIONS.forEach(a -> assertTrue(role.contains(a), role));
        assertTrue(run.out().contains("fix: allow " + String.join(", ", SSM_ACTIONS)), run.out());
        assertTrue(run.out().contains("ECS Exec will not connect until the FAIL checks are fixed."), run.out());
    }

    @Test
    void givenExecRolledOutToEveryTaskTheCheckPasses() {
        Cli run = execCheck("exec-enable", "--service", Scenarios.WEB);

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("0 FAIL, 0 WARN, 15 PASS: ECS Exec is ready."), run.out());
        assertTrue(run.out().contains("PASS  task-role-ssmmessages"), run.out());
        assertTrue(run.out().contains("PASS  exec-enabled"), run.out());
    }

    @Test
    void aServiceWithoutExecEnabledIsTheFirstThingToFix() {
        Cli run = Cli.run("exec-check", "--cluster", Scenarios.CLUSTER, "--service", Scenarios.WEB,
                "--simulate", "healthy-rollout@0");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL  service-exec-enabled"), run.out());
        assertTrue(run.out().contains("--enable-execute-command --force-new-deployment"), run.out());
    }

    @Test
    void withoutTheFunctionNobodyRollsTheTasksAndTheFixIsANewDeployment() {
        Cli run = Cli.run("exec-check", "--cluster", Scenarios.CLUSTER, "--service", Scenarios.WEB,
                "--simulate", "exec-enable" + AFTER_ROLLOUT);

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL  exec-enabled"), run.out());
        assertTrue(run.out().contains("fix: force a new deployment of the service"), run.out());
    }

    @Test
    void onASingleWriterOnEfsTheForcedDeploymentIsNamedAsTheOneThatDeadlocks() {
        Cli run = Cli.run("exec-check", "--cluster", Scenarios.CLUSTER, "--service", Scenarios.PROMETHEUS,
                "--simulate", "prometheus-efs-lock@0");

        assertEquals(1, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("FAIL  exec-enabled"), run.out());
        assertTrue(run.out().contains("fix: force a new deployment of the service; the tasks share the EFS lock"
                + " domain " + Scenarios.EFS_ID + ":/prometheus"), run.out());
        assertTrue(run.out().contains("this forced deployment is exactly the one that deadlocks"), run.out());
        assertTrue(run.out().contains("StaleLockRemediatorFunction"), run.out());
        assertTrue(run.out().contains("minimumHealthyPercent 0"), run.out());
    }

    @Test
    void theRootCauseIsListedBeforeTheAgentItKeepsFromConnecting() throws Exception {
        JsonNode result = JSON.readTree(execCheck("exec-agent-not-running", "--service", Scenarios.WEB, "--json")
                .out());

        List<String> failed = new ArrayList<>();
        result.path("checks").forEach(c -> {
            if (c.path("status").asText().equals("FAIL")) {
                failed.add(c.path("check").asText());
            }
        });
        assertTrue(failed.indexOf("task-role-ssmmessages") >= 0, failed.toString());
        assertTrue(failed.lastIndexOf("task-role-ssmmessages") < failed.indexOf("execute-command-agent"),
                failed.toString());
    }

    @Test
    void jsonListsTheChecks() throws Exception {
        JsonNode result = JSON.readTree(execCheck("exec-agent-not-running", "--service", Scenarios.WEB, "--json")
                .out());

        assertEquals(Scenarios.WEB, result.path("service").asText());
        List<String> failed = new ArrayList<>();
        result.path("checks").forEach(c -> {
            if (c.path("status").asText().equals("FAIL")) {
                failed.add(c.path("check").asText());
            }
        });
        assertTrue(failed.contains("task-role-ssmmessages"), result.toString());
    }

    @Test
    void oneTaskIsCheckedAloneAndOnlyReadFromTheAccount() {
        try (SimulatedAccount account = afterRollout("exec-agent-not-running")) {
            EcsWorld world = account.world();
            List<EcsWorld.TaskView> running = world.tasks(Scenarios.CLUSTER, Scenarios.WEB).stream()
                    .filter(t -> t.lastStatus().equals("RUNNING")).toList();
            assertEquals(2, running.size());
            EcsWorld.TaskView task = running.get(0);
            int before = world.apiCalls().size();

            Cli run = Cli.run("exec-check", "--cluster", Scenarios.CLUSTER, "--task", task.arn(),
                    "--region", SimulatedAccount.REGION, "--endpoint-url", account.simulator().endpoint().toString());

            assertEquals(1, run.exit(), run.out() + run.err());
            assertTrue(run.out().contains("task/" + task.id()), run.out());
            assertFalse(run.out().contains("task/" + running.get(1).id()), run.out());
            assertTrue(run.out().contains("FAIL  task-role-ssmmessages"), run.out());
            List<String> operations = world.apiCalls().subList(before, world.apiCalls().size()).stream()
                    .map(EcsWorld.ApiCall::operation).toList();
            assertTrue(operations.contains("SimulatePrincipalPolicy"), operations.toString());
            assertTrue(operations.stream().allMatch(ReadOnlyGuard::isRead), operations.toString());
        }
    }

    @Test
    void theClientsExecCheckBuildsRefuseWritesBeforeTheSimulatorSeesThem() {
        try (SimulatedAccount account = afterRollout("exec-enable")) {
            EcsWorld world = account.world();
            int before = world.apiCalls().size();
            var ecs = ReadOnlyGuard.clients(SimulatedAccount.REGION, Optional.of(account.simulator().endpoint()),
                    SimulatedAccount.SDK_CREDENTIALS).ecs();

            SdkClientException refused = assertThrows(SdkClientException.class, () -> ecs.updateService(b -> b
                    .cluster(Scenarios.CLUSTER).service(Scenarios.WEB).forceNewDeployment(true)));

            assertTrue(refused.getMessage().contains("UpdateService refused before sending"), refused.getMessage());
            assertEquals(before, world.apiCalls().size());
        }
    }

    @Test
    void neitherServiceNorTaskIsAUsageError() {
        Cli run = Cli.run("exec-check", "--cluster", Scenarios.CLUSTER, "--simulate", "exec-enable");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("--service") && run.err().contains("--task"), run.err());
    }

    @Test
    void anUnknownServiceIsAUsageError() {
        Cli run = Cli.run("exec-check", "--cluster", Scenarios.CLUSTER, "--service", "nope",
                "--simulate", "exec-enable");

        assertEquals(2, run.exit());
        assertTrue(run.err().contains("no service nope in cluster " + Scenarios.CLUSTER), run.err());
    }
}
