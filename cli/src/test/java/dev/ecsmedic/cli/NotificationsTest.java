package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.core.function.FunctionDefinition;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.TimelineEntry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every function of template.yaml, deployed with {@code NotificationTopicArn} set, plays a scenario in which it
 * acts: each action it reports reaches the topic, once, with the report that holds it.
 */
class NotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ecs-medic-actions";

    static Stream<Arguments> actingScenarios() {
        return Stream.of(
                Arguments.of(Functions.STALE_LOCK, "prometheus-efs-lock"),
                Arguments.of(Functions.EXEC_ROLLOUT, "exec-enable"),
                Arguments.of(Functions.ALARM, "alarm-lock-errors"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actingScenarios")
    void everyActionReachesTheTopic(FunctionDefinition function, String name) throws Exception {
        EcsWorld world = Scenarios.byName(name).newWorld();
        RunResult run = runWithTopic(name, world);

        List<JsonNode> acting = new ArrayList<>();
        for (TimelineEntry invocation : run.invocations()) {
            JsonNode report = JSON.readTree(invocation.text());
            if (invocation.subject().equals(function.name()) && !report.path("actions").isEmpty()) {
                acting.add(report);
            }
        }
        assertFalse(acting.isEmpty(), function.name() + " never acted in " + name);
        List<EcsWorld.Notification> told = world.notifications().stream()
                .filter(n -> n.caller().equals(function.name())).toList();
        assertEquals(acting.size(), told.size(), "one notification per report with actions: " + told);
        for (int i = 0; i < acting.size(); i++) {
            EcsWorld.Notification notification = told.get(i);
            assertEquals(TOPIC, notification.topicArn());
            JsonNode message = JSON.readTree(notification.message());
            assertEquals(acting.get(i).path("actions"), message.path("actions"));
            assertTrue(acting.get(i).path("actions").get(0).path("executed").asBoolean(), acting.get(i).toString());
            assertTrue(notification.subject().startsWith("ecs-medic " + acting.get(i).path("decision").asText()),
                    notification.subject());
            assertTrue(acting.get(i).path("awsCalls").toString().contains("Sns.Publish"), acting.get(i).toString());
        }
    }

    /**
     * The dry-run incident plans the same stop on every task event and sweep of a deployment (and again for the
     * rollback's deployment): people hear of each service, deployment and action once, with the report's request id.
     */
    @Test
    void aDryRunIncidentTellsOncePerServiceDeploymentAndAction() throws Exception {
        EcsWorld world = Scenarios.byName("dry-run").newWorld();
        RunResult run = runWithTopic("dry-run", world);

        List<JsonNode> planning = new ArrayList<>();
        for (TimelineEntry invocation : run.invocations()) {
            JsonNode report = JSON.readTree(invocation.text());
            planning.add(report);
            report.path("services").forEach(planning::add);
        }
        planning.removeIf(r -> r.path("actions").isEmpty());
        Set<String> planned = new LinkedHashSet<>();
        planning.forEach(r -> planned.addAll(keys(r)));
        List<String> told = new ArrayList<>();
        for (EcsWorld.Notification notification : world.notifications()) {
            JsonNode message = JSON.readTree(notification.message());
            assertFalse(message.path("requestId").asText().isEmpty(), message.toString());
            assertFalse(message.path("deployment").asText().isEmpty(), message.toString());
            told.addAll(keys(message));
        }

        assertTrue(planning.size() > planned.size(), "the incident plans the same stop again: " + planning.size());
        assertEquals(new ArrayList<>(planned), told, "one notification per service, deployment and action");
        assertEquals(1, planned.size(), "the deployment plans one stop; its rollback onto the revision the old task"
                + " already runs plans none: " + planned);
    }

    private static RunResult runWithTopic(String name, EcsWorld world) {
        Scenario scenario = Scenarios.byName(name);
        try (Simulator simulator = Simulator.start(world)) {
            LocalFunctions functions = Simulation.functions(scenario, StaleLockScenariosTest.TEMPLATE,
                    Map.of("NotificationTopicArn", TOPIC), simulator, line -> { });
            return new ScenarioRunner(RunnerOptions.defaults().withSchedules(functions.schedules()))
                    .run(scenario, world, functions.routes(), functions);
        }
    }

    static List<String> keys(JsonNode report) {
        List<String> keys = new ArrayList<>();
        report.path("actions").forEach(a -> keys.add(String.join(" ", report.path("cluster").asText(),
                report.path("service").asText(), report.path("deployment").asText(), a.path("action").asText(),
                a.path("target").asText())));
        return keys;
    }
}
