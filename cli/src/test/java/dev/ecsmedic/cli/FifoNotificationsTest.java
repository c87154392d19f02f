package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FunctionInvoker;
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
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The dry-run incident with {@code NotificationTopicArn} a FIFO topic: the notifier gives every publish the
 * message group and deduplication id such a topic wants, so people are told once per action; and when a second
 * container of the functions gets the same events and publishes the same reports, the topic accepts its
 * duplicates without delivering them.
 */
class FifoNotificationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ecs-medic-actions.fifo";
    private static final Scenario SCENARIO = Scenarios.byName("dry-run");

    /** Every event reaches one container and then, at the same moment, another with its own memory. */
    private static final class TwoContainers implements FunctionInvoker {
        private final LocalFunctions first;
        private final LocalFunctions second;
        private final List<String> secondReports = new ArrayList<>();

        TwoContainers(Simulator simulator) {
            this.first = container(simulator);
            this.second = container(simulator);
        }

        @Override
        public String invoke(String function, byte[] event) throws Exception {
            return invoke(function, event, java.util.UUID.randomUUID().toString());
        }

        @Override
        public String invoke(String function, byte[] event, String requestId) throws Exception {
            String report = first.invoke(function, event, requestId);
            secondReports.add(second.invoke(function, event, requestId + "-second"));
            return report;
        }
    }

    @Test
    void aDryRunIncidentTellsAFifoTopicOncePerAction() throws Exception {
        EcsWorld world = SCENARIO.newWorld();
        RunResult run;
        try (Simulator simulator = Simulator.start(world)) {
            LocalFunctions functions = container(simulator);
            run = runner(functions).run(SCENARIO, world, functions.routes(), functions);
        }

        List<String> told = told(world);
        assertEquals(planned(run), told, "one notification per service, deployment and action");
        Map<String, Integer> published = publishedByDeduplicationId(world);
        assertEquals(told.size(), published.size(), "one deduplication id per notification: " + published);
        assertTrue(published.values().stream().allMatch(n -> n == 1), "one container publishes once: " + published);
    }

    @Test
    void aSecondContainersDuplicateOfTheSameActionIsNotDeliveredAgain() throws Exception {
        EcsWorld world = SCENARIO.newWorld();
        RunResult run;
        List<String> secondReports;
        try (Simulator simulator = Simulator.start(world)) {
            TwoContainers containers = new TwoContainers(simulator);
            run = runner(containers.first).run(SCENARIO, world, containers.first.routes(), containers);
            secondReports = containers.secondReports;
        }

        List<String> told = told(world);
        assertEquals(planned(run), told, "the people are told once per action, whichever container tells them");
        Map<String, Integer> published = publishedByDeduplicationId(world);
        assertEquals(told.size(), published.size(), "one deduplication id per notification: " + published);
        assertTrue(published.values().stream().allMatch(n -> n == 2),
                "each container published each action, the topic delivered it once: " + published);
        assertFalse(secondReports.isEmpty());
        secondReports.forEach(r -> assertFalse(r.contains("notification failed"), r));
    }

    private static LocalFunctions container(Simulator simulator) {
        return Simulation.functions(SCENARIO, StaleLockScenariosTest.TEMPLATE, Map.of("NotificationTopicArn", TOPIC),
                simulator, line -> { });
    }

    private static ScenarioRunner runner(LocalFunctions functions) {
        return new ScenarioRunner(RunnerOptions.defaults().withSchedules(functions.schedules()));
    }

    /** The service, deployment and action of every action the run's reports planned, each once, in order. */
    private static List<String> planned(RunResult run) throws Exception {
        Set<String> planned = new LinkedHashSet<>();
        for (TimelineEntry invocation : run.invocations()) {
            JsonNode report = JSON.readTree(invocation.text());
            planned.addAll(NotificationsTest.keys(report));
            report.path("services").forEach(s -> planned.addAll(NotificationsTest.keys(s)));
        }
        assertFalse(planned.isEmpty(), "the dry-run incident plans a stop");
        return new ArrayList<>(planned);
    }

    private static List<String> told(EcsWorld world) throws Exception {
        List<String> told = new ArrayList<>();
        for (EcsWorld.Notification notification : world.notifications()) {
            assertEquals(TOPIC, notification.topicArn());
            told.addAll(NotificationsTest.keys(JSON.readTree(notification.message())));
        }
        return told;
    }

    /** How many publishes the topic accepted for each deduplication id; each carried a message group id too. */
    private static Map<String, Integer> publishedByDeduplicationId(EcsWorld world) throws Exception {
        Map<String, Integer> published = new TreeMap<>();
        for (EcsWorld.ApiCall call : world.apiCalls()) {
            if (call.service().equals("sns") && call.operation().equals("Publish")) {
                assertNull(call.errorType(), call.toString());
                JsonNode request = JSON.readTree(call.request());
                assertFalse(request.path("MessageGroupId").asText().isEmpty(), call.request());
                published.merge(request.path("MessageDeduplicationId").asText(), 1, Integer::sum);
            }
        }
        return published;
    }
}
