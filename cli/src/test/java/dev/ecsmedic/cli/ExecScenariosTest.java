package dev.ecsmedic.cli;

import static dev.ecsmedic.cli.DeployedFunctions.EXEC;
import static dev.ecsmedic.cli.DeployedFunctions.STALE_LOCK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.ExecScenarios;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Verdict;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scenarios, played with both real handlers, real SDK clients and template.yaml's rules. */
class ExecScenariosTest {

    private static final List<String> SSM_ACTIONS = List.of("ssmmessages:CreateControlChannel",
            "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel");

    @Test
    void givenTwoTasksWithoutExecWhenExecIsEnabledThenOneDeploymentBringsItToEveryTask() {
        RunResult run = playedUntilBothWebTasksHaveExec(ExecScenarios.execEnable());
        JsonNode last = last(DeployedFunctions.reports(run, EXEC));
        assertEquals("NO_ACTION", last.path("decision").asText(), last.toString());
        assertEquals(List.of(), statuses(last, "FAIL"), last.toString());
        assertEquals(List.of(), statuses(last, "WARN"), last.toString());
        assertTrue(checks(last).contains("task-role-ssmmessages"));
        assertTrue(checks(last).contains("ssmmessages-network-path"));
    }

    @Test
    void theForcingAndTheReadinessInvocationsMakeOnlyTheCallsTheyNeed() {
        Scenario scenario = ExecScenarios.execEnable();
        RunResult run = DeployedFunctions.play(scenario, RunnerOptions.defaults(), scenario.newWorld());
        List<JsonNode> reports = DeployedFunctions.reports(run, EXEC);

        JsonNode forcing = reports.stream().filter(r -> r.path("decision").asText().equals("FORCE_NEW_DEPLOYMENT"))
                .findFirst().orElseThrow();
        assertEquals(List.of("Ecs.DescribeServices", "Ecs.ListTasks", "Ecs.ListTasks", "Ecs.DescribeTasks",
                "Ecs.DescribeTaskDefinition", "DynamoDb.PutItem", "Ecs.UpdateService"), calls(forcing),
                "the forced deployment is claimed before it is sent (no rollout runs: CloudTrail's time is not kept)");
        assertTrue(forcing.path("actions").path(0).path("executed").asBoolean(), forcing.toString());
        JsonNode readiness = last(reports);
        assertEquals(List.of("Ecs.DescribeServices", "Ecs.ListTasks", "Ecs.ListTasks", "Ecs.DescribeTasks",
                "Ecs.DescribeClusters", "Ec2.DescribeSubnets", "Ec2.DescribeVpcEndpoints",
                "Ec2.DescribeNetworkInterfaces", "Ec2.DescribeSecurityGroups", "Ec2.DescribeRouteTables",
                "Iam.SimulatePrincipalPolicy"), calls(readiness), "the task definition was read once and kept");
    }

    @Test
    void givenThePrometheusIncidentWhenExecIsEnabledThenTheLockIsClearedAndExecReachesTheNewTask() {
        Scenario scenario = ExecScenarios.execEnablePrometheus();
        EcsWorld world = scenario.newWorld();

        RunResult run = playedWithOneForcedDeployment(scenario, world);

        assertEquals(List.of("StopTask"), writes(run, STALE_LOCK));
        List<EcsWorld.TaskView> running = running(world, Scenarios.PROMETHEUS);
        assertEquals(1, running.size());
        assertTrue(running.get(0).enableExecuteCommand());
        assertTrue(world.logLines(Scenarios.PROMETHEUS_LOG_GROUP).stream()
                .anyMatch(l -> l.contains("lock DB directory: resource temporarily unavailable")));
        JsonNode last = last(DeployedFunctions.reports(run, EXEC));
        assertEquals(List.of(), statuses(last, "FAIL"), last.toString());
    }

    @Test
    void givenATaskRoleWithoutSsmMessagesWhenTheRolloutCompletesThenTheReportNamesThePermissionsAndNothingLoops()
            throws Exception {
        Scenario scenario = ExecScenarios.execAgentNotRunning();
        EcsWorld world = scenario.newWorld();

        RunResult run = playedWithOneForcedDeployment(scenario, world);

        JsonNode last = last(DeployedFunctions.reports(run, EXEC));
        assertEquals("EXEC_NOT_READY", last.path("decision").asText(), last.toString());
        JsonNode role = failed(last, "task-role-ssmmessages");
        SSM_ACTIONS.forEach(a -> assertTrue(role.path("detail").asText().contains(a), role.toString()));
        assertTrue(role.path("detail").asText().contains("TargetNotConnectedException"), role.toString());
        assertTrue(statuses(last, "WARN").contains("execute-command-agent"), "just started: " + last);

        world.advance(Duration.ofMinutes(20));
        JsonNode web;
        try (DeployedFunctions functions = new DeployedFunctions(world, DeployedFunctions.ACTING)) {
            world.actingAs(EXEC);
            JsonNode sweep = DeployedFunctions.json(functions.invoke(EXEC, scheduled(world).getBytes(
                    StandardCharsets.UTF_8)));
            web = service(sweep, Scenarios.WEB);
        }
        assertEquals("EXEC_NOT_READY", web.path("decision").asText(), web.toString());
        assertTrue(statuses(web, "FAIL").containsAll(List.of("execute-command-agent", "task-role-ssmmessages")),
                web.toString());
        assertEquals(1, world.apiCalls().stream().filter(c -> c.caller().equals(EXEC)
                && c.operation().equals("UpdateService")).count(), "no second forced deployment after the cool-down");
    }

    static Stream<Arguments> chaos() {
        List<Arguments> cases = new ArrayList<>();
        for (Scenario scenario : ExecScenarios.all()) {
            for (long seed : new long[] {7, 11, 2025}) {
                cases.add(Arguments.of(scenario.name(), seed));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("chaos")
    void duplicatedAndReorderedEventsGiveTheSameOutcome(String name, long seed) {
        Scenario scenario = ExecScenarios.all().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
        Verdict calm = scenario.check(DeployedFunctions.play(scenario, RunnerOptions.defaults(), scenario.newWorld()));

        RunResult stormy = DeployedFunctions.play(scenario,
                RunnerOptions.defaults().withChaos(0.5, Duration.ofSeconds(30), seed), scenario.newWorld());

        assertPassed(scenario, stormy);
        assertEquals(calm.outcome(), scenario.check(stormy).outcome());
        assertEquals(1, stormy.summary().forcedDeployments());
    }

    @Test
    void givenExecEnabledDuringARolloutOfOneTaskWhenItCompletesThenTheKeptRecordForcesOneDeployment() {
        Scenario scenario = ExecScenarios.execEnabledDuringLoneRollout();
        RunResult run = DeployedFunctions.play(scenario, RunnerOptions.defaults(), scenario.newWorld());
        assertPassed(scenario, run);
        List<JsonNode> reports = DeployedFunctions.reports(run, EXEC);
        JsonNode duringRollout = reports.stream()
                .filter(r -> r.at("/trigger/detailType").asText().equals("AWS API Call via CloudTrail")).findFirst()
                .orElseThrow();
        assertEquals("NO_ACTION", duringRollout.path("decision").asText(), duringRollout.toString());
        assertTrue(duringRollout.path("awsCalls").toString().contains("DynamoDb.PutItem"), "the record's time is kept");
        JsonNode forcing = reports.stream().filter(r -> r.path("decision").asText().equals("FORCE_NEW_DEPLOYMENT"))
                .findFirst().orElseThrow();
        assertTrue(forcing.path("reasons").toString().contains("(CloudTrail's record), after task(s)"),
                forcing.toString());
        assertTrue(forcing.path("awsCalls").toString().contains("DynamoDb.GetItem"), forcing.toString());
        assertTrue(reports.stream().noneMatch(r -> r.path("decision").asText().equals("EXEC_NOT_READY")),
                "nothing is misconfigured and nothing waits for the cool-down: " + reports);
    }

    @Test
    void givenExecEnabledDuringARolloutWhenItCompletesThenOneDeploymentBringsExecWithoutWaitingForTheCooldown() {
        RunResult run = playedUntilBothWebTasksHaveExec(ExecScenarios.execEnabledDuringRollout());
        List<JsonNode> reports = DeployedFunctions.reports(run, EXEC);
        JsonNode duringRollout = reports.stream()
                .filter(r -> r.at("/trigger/detailType").asText().equals("AWS API Call via CloudTrail")).findFirst()
                .orElseThrow();
        assertEquals("NO_ACTION", duringRollout.path("decision").asText());
        assertTrue(duringRollout.path("reasons").toString().contains("after this rollout began: the tasks it started"
                + " before then lack exec"), duringRollout.toString());
        JsonNode forcing = reports.stream().filter(r -> r.path("decision").asText().equals("FORCE_NEW_DEPLOYMENT"))
                .findFirst().orElseThrow();
        assertTrue(forcing.path("reasons").toString().contains("started before it lack it: exec was enabled between"),
                forcing.toString());
        assertTrue(reports.stream().noneMatch(r -> r.toString().contains("configuration change")),
                "nothing is misconfigured: " + reports);
        Instant forcedAt = run.invocations().stream().filter(i -> i.subject().equals(EXEC)
                && i.text().contains("FORCE_NEW_DEPLOYMENT")).findFirst().orElseThrow().at();
        assertTrue(Duration.between(run.timeline().get(0).at(), forcedAt).compareTo(Duration.ofSeconds(900)) < 0,
                "forced at " + forcedAt + ", within the cool-down of the operator's deployment");
    }

    private static RunResult playedUntilBothWebTasksHaveExec(Scenario scenario) {
        EcsWorld world = scenario.newWorld();
        RunResult run = playedWithOneForcedDeployment(scenario, world);
        List<EcsWorld.TaskView> running = running(world, Scenarios.WEB);
        assertEquals(2, running.size());
        assertTrue(running.stream().allMatch(EcsWorld.TaskView::enableExecuteCommand), running.toString());
        return run;
    }

    private static RunResult playedWithOneForcedDeployment(Scenario scenario, EcsWorld world) {
        RunResult run = DeployedFunctions.play(scenario, RunnerOptions.defaults(), world);
        assertPassed(scenario, run);
        assertEquals(List.of("UpdateService"), writes(run, EXEC));
        return run;
    }

    private static void assertPassed(Scenario scenario, RunResult run) {
        Verdict verdict = scenario.check(run);
        assertTrue(verdict.passed(), verdict.outcome() + ": " + verdict.explanation() + "\n"
                + String.join("\n", run.timeline().stream().map(Object::toString).toList()));
    }

    private static List<String> writes(RunResult run, String function) {
        return run.summary().functionWrites().stream().filter(c -> c.caller().equals(function))
                .map(EcsWorld.ApiCall::operation).toList();
    }

    private static List<EcsWorld.TaskView> running(EcsWorld world, String service) {
        return world.tasks(Scenarios.CLUSTER, service).stream()
                .filter(t -> t.lastStatus().equals("RUNNING") && t.desiredStatus().equals("RUNNING")).toList();
    }

    private static JsonNode last(List<JsonNode> reports) {
        assertFalse(reports.isEmpty(), "no report");
        return reports.get(reports.size() - 1);
    }

    private static List<String> checks(JsonNode report) {
        List<String> names = new ArrayList<>();
        report.path("checks").forEach(c -> names.add(c.path("check").asText()));
        return names;
    }

    private static List<String> statuses(JsonNode report, String status) {
        List<String> names = new ArrayList<>();
        report.path("checks").forEach(c -> {
            if (c.path("status").asText().equals(status)) {
                names.add(c.path("check").asText());
            }
        });
        return names;
    }

    private static JsonNode failed(JsonNode report, String check) {
        for (JsonNode c : report.path("checks")) {
            if (c.path("check").asText().equals(check) && c.path("status").asText().equals("FAIL")) {
                return c;
            }
        }
        throw new AssertionError("no failed " + check + " in " + report);
    }

    private static JsonNode service(JsonNode sweep, String service) {
        for (JsonNode report : sweep.path("services")) {
            if (report.path("service").asText().equals(service)) {
                return report;
            }
        }
        throw new AssertionError("no report for " + service + " in " + sweep);
    }

    private static List<String> calls(JsonNode report) {
        List<String> calls = new ArrayList<>();
        report.path("awsCalls").forEach(c -> calls.add(c.asText()));
        return calls;
    }

    private static String scheduled(EcsWorld world) {
        return """
                {"version":"0","id":"5e1f0c2a-3b4d-4e6f-8a9b-0c1d2e3f4a5b","detail-type":"Scheduled Event",
                 "source":"aws.events","account":"123456789012","time":"%s","region":"us-east-1",
                 "resources":["arn:aws:events:us-east-1:123456789012:rule/ecs-medic-ExecRolloutFunctionSafetyNet"],
                 "detail":{}}""".formatted(world.now());
    }
}
