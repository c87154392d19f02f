package dev.ecsmedic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

/**
 * The notifier seam: people hear of every action exactly once, never of no action, and a failed notification
 * neither hides nor repeats the stop (the invocation succeeds, so Lambda does not retry it).
 */
@ExtendWith(MockitoExtension.class)
class RemediatorNotificationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Mock
    Notifier notifier;

    private EcsWorld world;
    private Simulator simulator;
    private Remediator remediator;

    @BeforeEach
    void deadlock() {
        Scenario incident = Scenarios.prometheusEfsLock();
        world = incident.newWorld();
        incident.script().forEach(step -> step.action().accept(world));
        world.advance(Duration.ofSeconds(60));
        world.dynamoDb().create("ecs-medic-claims", "id");
        simulator = Simulator.start(world);
        remediator = Functions.STALE_LOCK.compose(AwsClients.local(simulator.endpoint()), Map.of(
                        "CLUSTER_NAME", Scenarios.CLUSTER, "WATCHED_SERVICES", Scenarios.PROMETHEUS, "DRY_RUN", "false",
                        "CLAIMS_TABLE", "ecs-medic-claims"))
                .notifier(notifier).clock(world.clock()).log(line -> { })
                .build();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private static byte[] event(String name) throws Exception {
        return Files.readAllBytes(Path.of("..", "..", "events", name));
    }

    @Test
    void everyActionIsToldOnce() throws Exception {
        JsonNode report = JSON.readTree(remediator.handle(event("ecs-task-stopped-lock-error.json")));

        ArgumentCaptor<Report> told = ArgumentCaptor.forClass(Report.class);
        verify(notifier, times(1)).publish(told.capture());
        assertEquals(Decision.STOP_STALE_TASKS, told.getValue().decision());
        assertEquals(report.at("/actions/0/target").asText(), told.getValue().actions().get(0).target());
        assertTrue(told.getValue().actions().get(0).executed());
    }

    @Test
    void noActionIsNotTold() throws Exception {
        remediator.handle(event("ecs-task-stopped-other-service.json"));
        remediator.handle("not json".getBytes(StandardCharsets.UTF_8));

        verifyNoInteractions(notifier);
    }

    @Test
    void aFailedNotificationIsReportedAndTheStopIsNotRepeated() throws Exception {
        doThrow(new AwsFailure(AwsFailure.Kind.NOT_FOUND, "SnsException", "NotFound", "topic gone", null)).when(notifier).publish(any());

        JsonNode report = JSON.readTree(remediator.handle(event("ecs-task-stopped-lock-error.json")));

        assertEquals("STOP_STALE_TASKS", report.path("decision").asText());
        assertTrue(report.path("reasons").toString().contains("notification failed"), report.toString());
        assertEquals(1, world.apiCalls().stream().filter(c -> c.operation().equals("StopTask")).count());
    }

    @Test
    void theSameStopIsToldOnceHoweverOftenItIsPlanned() throws Exception {
        Remediator dryRun = dryRun();
        for (int i = 0; i < 3; i++) {
            dryRun.handle(event("ecs-task-stopped-lock-error.json"));
        }
        JsonNode again = JSON.readTree(dryRun.handle(event("ecs-task-stopped-lock-error.json")));

        verify(notifier, times(1)).publish(any());
        assertEquals("STOP_STALE_TASKS", again.path("decision").asText());
        assertTrue(again.path("reasons").toString().contains("not notified again: already told of StopTask"),
                again.toString());
        assertEquals(0, world.apiCalls().stream().filter(c -> c.operation().equals("StopTask")).count());
    }

    @Test
    void aFailedNotificationIsToldOnTheNextEventThatPlansTheAction() throws Exception {
        doThrow(new AwsFailure(AwsFailure.Kind.UNAVAILABLE, "SnsException", "Throttled", "slow down", null))
                .doNothing().when(notifier).publish(any());
        Remediator dryRun = dryRun();

        for (int i = 0; i < 3; i++) {
            dryRun.handle(event("ecs-task-stopped-lock-error.json"));
        }

        verify(notifier, times(2)).publish(any());
    }

    @Test
    void theNotificationCarriesTheRequestIdAndTheDeployment() throws Exception {
        JsonNode report = JSON.readTree(remediator.handle(event("ecs-task-stopped-lock-error.json"), "", "req-1"));

        ArgumentCaptor<Report> told = ArgumentCaptor.forClass(Report.class);
        verify(notifier).publish(told.capture());
        assertEquals("req-1", report.path("requestId").asText());
        assertEquals("req-1", told.getValue().requestId());
        assertEquals(world.deployments(Scenarios.CLUSTER, Scenarios.PROMETHEUS).stream()
                        .filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow().id(),
                told.getValue().deployment());
    }

    private Remediator dryRun() {
        return Functions.STALE_LOCK.compose(AwsClients.local(simulator.endpoint()), Map.of(
                        "CLUSTER_NAME", Scenarios.CLUSTER, "WATCHED_SERVICES", Scenarios.PROMETHEUS, "DRY_RUN", "true"))
                .notifier(notifier).clock(world.clock()).log(line -> { })
                .build();
    }
}
