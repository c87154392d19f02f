package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.testkit.AlarmScenarios;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.MetricAlarmSpec;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.TimelineEntry;
import dev.ecsmedic.testkit.Verdict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The alarm scenarios with the real AlarmRemediatorFunction, configured as template.yaml configures it, talking
 * to the simulator through real SDK clients; only the alarm rule routes events (the ECS event rules are off).
 */
class AlarmScenariosTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SamTemplate TEMPLATE = SamTemplate.load(Path.of("../template.yaml"), Map.of(
            "ClusterName", Scenarios.CLUSTER,
            "WatchedServices", Scenarios.PROMETHEUS + "," + Scenarios.WEB,
            "LogGroupNames", Scenarios.PROMETHEUS_LOG_GROUP,
            "DryRun", "false",
            "LockAlarmServiceName", Scenarios.PROMETHEUS,
            "LockAlarmLogGroupName", Scenarios.PROMETHEUS_LOG_GROUP));
    private static final String ALARM = Functions.ALARM.name();

    private final List<String> logLines = new ArrayList<>();
    private final List<Report> notified = new ArrayList<>();

    private RunResult run(Scenario scenario) {
        EcsWorld world = scenario.newWorld();
        try (Simulator sim = Simulator.start(world)) {
            LocalFunctions functions = LocalFunctions.wire(Simulation.provision(TEMPLATE, world),
                    AwsClients.local(sim.endpoint()),
                    b -> b.notifier(notified::add).clock(sim.clock()).log(logLines::add)).enabledOnly(Set.of(ALARM));
            return new ScenarioRunner(RunnerOptions.defaults()).run(scenario, world, functions.routes(), functions);
        }
    }

    private static List<JsonNode> reports(RunResult result) throws IOException {
        List<JsonNode> reports = new ArrayList<>();
        for (TimelineEntry e : result.invocations()) {
            reports.add(JSON.readTree(e.text()));
        }
        return reports;
    }

    private static void assertPassed(Scenario scenario, RunResult result) {
        Verdict verdict = scenario.check(result);
        assertTrue(verdict.passed(), verdict.outcome() + ": " + verdict.explanation() + "\n"
                + String.join("\n", result.timeline().stream().map(Object::toString).toList()));
    }

    @Test
    void lockErrorAlarmStopsTheStaleTaskAndTheDeploymentCompletes() throws IOException {
        Scenario scenario = AlarmScenarios.alarmLockErrors();
        RunResult result = run(scenario);
        assertPassed(scenario, result);
        assertEquals("COMPLETED", result.summary().finalRolloutState());
        JsonNode acted = reports(result).stream().filter(r -> r.path("decision").asText().equals("STOP_STALE_TASKS"))
                .findFirst().orElseThrow();
        assertEquals(ALARM, acted.path("function").asText());
        assertEquals("CloudWatch Alarm State Change", acted.at("/trigger/detailType").asText());
        assertTrue(acted.at("/trigger/cause").asText().endsWith("names " + Scenarios.CLUSTER + "/"
                + Scenarios.PROMETHEUS + " by its tags ecs-medic:cluster and ecs-medic:service"
                + " (ecs-medic:action=stale-lock)"), acted.toString());
        assertTrue(acted.path("actions").get(0).path("executed").asBoolean());
        List<String> calls = new ArrayList<>();
        acted.path("awsCalls").forEach(c -> calls.add(c.asText()));
        assertEquals("CloudWatch.ListTagsForResource", calls.get(0));
        assertEquals("Ecs.StopTask", calls.get(calls.size() - 1));
        assertEquals(1, notified.size());
        assertEquals("STOP_STALE_TASKS", notified.get(0).decision().name());
    }

    @Test
    void alarmOnAHealthyServiceChangesNothingAndSaysWhy() throws IOException {
        Scenario scenario = AlarmScenarios.alarmUnrelated();
        RunResult result = run(scenario);
        assertPassed(scenario, result);
        JsonNode report = reports(result).get(0);
        assertEquals("NO_ACTION", report.path("decision").asText());
        assertEquals(Scenarios.WEB, report.path("service").asText());
        assertTrue(report.at("/trigger/cause").asText().endsWith("by its ClusterName and ServiceName dimensions of"
                + " metric m1, m2"), report.toString());
        assertFalse(report.path("reasons").isEmpty());
        assertEquals(List.of("CloudWatch.ListTagsForResource", "Ecs.DescribeServices"), texts(report.path("awsCalls")),
                "the tags are read for ecs-medic:action even when the dimensions name the service");
        assertEquals(List.of(), notified);
    }

    @Test
    void alarmNamingNoServiceMakesNoEcsCall() throws IOException {
        Scenario scenario = AlarmScenarios.alarmUnresolvable();
        RunResult result = run(scenario);
        assertPassed(scenario, result);
        JsonNode report = reports(result).get(0);
        assertEquals("NO_ACTION", report.path("decision").asText());
        assertEquals(List.of("alarm " + AlarmScenarios.ERRORS_ALARM + " names no service: none of its 1 metric(s)"
                + " has both ClusterName and ServiceName dimensions, and it has no ecs-medic:cluster or"
                + " ecs-medic:service tag (it has no tags)"), texts(report.path("reasons")));
        assertEquals(List.of("CloudWatch.ListTagsForResource"), texts(report.path("awsCalls")));
        assertEquals(List.of("monitoring.ListTagsForResource"), result.callsByFunctions().stream()
                .map(c -> c.service() + "." + c.operation()).distinct().toList());
    }

    @Test
    void theScenarioInstallsTheAlarmAndFilterTemplateYamlShips() {
        JsonNode alarm = TEMPLATE.resource("LockErrorAlarm").path("Properties");
        MetricAlarmSpec spec = AlarmScenarios.lockErrorAlarm();
        MetricAlarmSpec.Query query = spec.metrics().get(0);
        assertEquals(alarm.path("AlarmName").asText(), spec.name());
        assertEquals(alarm.path("AlarmDescription").asText(), spec.description());
        assertEquals(alarm.path("Namespace").asText(), query.metric().namespace());
        assertEquals(alarm.path("MetricName").asText(), query.metric().name());
        assertEquals(alarm.path("Statistic").asText(), query.stat());
        assertEquals(alarm.path("Period").asInt(), query.period());
        assertEquals(alarm.path("Threshold").asDouble(), spec.threshold());
        assertEquals(alarm.path("ComparisonOperator").asText(), spec.comparison());
        assertEquals(alarm.path("TreatMissingData").asText(), spec.treatMissingData());
        Map<String, String> tags = new HashMap<>();
        alarm.path("Tags").forEach(t -> tags.put(t.path("Key").asText(), t.path("Value").asText()));
        assertEquals(tags, spec.tags());
        JsonNode filter = TEMPLATE.resource("LockErrorMetricFilter").path("Properties");
        assertEquals(filter.path("LogGroupName").asText(), AlarmScenarios.lockErrorFilter().logGroup());
        assertEquals(filter.path("FilterPattern").asText(), AlarmScenarios.lockErrorFilter().pattern());
        assertEquals(filter.at("/MetricTransformations/0/MetricName").asText(),
                AlarmScenarios.lockErrorFilter().metricName());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
