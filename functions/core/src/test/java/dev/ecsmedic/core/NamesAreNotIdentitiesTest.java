package dev.ecsmedic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.event.Place;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.MetricAlarmSpec;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The incident's deadlock, and the event that resolves it as if it came from another account, region or
 * partition, or named the cluster by another account's ARN: the service of the same name here is not touched.
 */
class NamesAreNotIdentitiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:"
            + Functions.STALE_LOCK.name();

    private EcsWorld world;
    private Simulator simulator;
    private Remediator remediator;

    @BeforeEach
    void deadlock() {
        world = Scenarios.prometheusEfsLock().worldAfter(Duration.ofSeconds(60));
        world.dynamoDb().create("ecs-medic-claims", "id");
        simulator = Simulator.start(world);
        Map<String, String> acting = Map.of("CLUSTER_NAME", Scenarios.CLUSTER, "WATCHED_SERVICES",
                Scenarios.PROMETHEUS, "DRY_RUN", "false", "CLAIMS_TABLE", "ecs-medic-claims");
        remediator = Functions.STALE_LOCK.compose(AwsClients.local(simulator.endpoint()), acting)
                .clock(world.clock()).log(line -> { }).build();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private JsonNode handle(String event) throws Exception {
        return JSON.readTree(remediator.handle(event.getBytes(StandardCharsets.UTF_8), FUNCTION_ARN, ""));
    }

    private static String lockError() throws Exception {
        return Files.readString(Path.of("..", "..", "events", "ecs-task-stopped-lock-error.json"));
    }

    private long stops() {
        return world.apiCalls().stream().filter(c -> c.operation().equals("StopTask")).count();
    }

    @Test
    void theEventOfThisAccountAndRegionStillResolvesTheDeadlock() throws Exception {
        JsonNode report = handle(lockError());

        assertEquals("STOP_STALE_TASKS", report.path("decision").asText(), report.toString());
        assertEquals(1, stops());
    }

    @ParameterizedTest(name = "metric m1 in account \"{0}\"")
    @CsvSource({"'', true", "123456789012, true", "210987654321, false"})
    void anAlarmOnAnotherAccountsMetricDoesNotReconcileThisAccountsService(String account, boolean reconciled)
            throws Exception {
        world.cloudWatch().putMetricAlarm(MetricAlarmSpec.single("ecs-medic-prometheus-cpu-high", "cpu",
                new MetricAlarmSpec.Metric("AWS/ECS", "CPUUtilization", Map.of("ClusterName", Scenarios.CLUSTER,
                        "ServiceName", Scenarios.PROMETHEUS)), "Maximum", 60, 85, "GreaterThanThreshold",
                "notBreaching", Map.of()));
        Remediator alarms = Functions.ALARM.compose(AwsClients.local(simulator.endpoint()), Map.of(
                        "CLUSTER_NAME", Scenarios.CLUSTER, "WATCHED_SERVICES", Scenarios.PROMETHEUS, "DRY_RUN", "true"))
                .clock(world.clock()).log(line -> { }).build();
        String event = Files.readString(Path.of("..", "..", "events", "cloudwatch-alarm-ecs-metric-math.json"))
                .replace("prometheus-cpu-high", "ecs-medic-prometheus-cpu-high")
                .replaceFirst("\"id\": \"m1\",", account.isEmpty() ? "\"id\": \"m1\","
                        : "\"id\": \"m1\", \"accountId\": \"" + account + "\",");

        JsonNode report = JSON.readTree(alarms.handle(event.getBytes(StandardCharsets.UTF_8),
                "arn:aws:lambda:us-east-1:123456789012:function:" + Functions.ALARM.name(), ""));

        assertEquals(reconciled, report.path("awsCalls").toString().contains("Ecs.DescribeServices"), report.toString());
        if (!reconciled) {
            assertEquals("NO_ACTION", report.path("decision").asText());
            assertTrue(report.path("reasons").get(0).asText().startsWith("metric m1 of alarm"
                    + " ecs-medic-prometheus-cpu-high (accountId) names account 210987654321"), report.toString());
        }
    }

    @Test
    void anAlarmOnAnotherAccountsMetricIsNotThisAccountsService() {
        Home home = new Home("", "", "").withFunctionArn(FUNCTION_ARN);
        Place metric = new Place("metric m1 of alarm ecs-medic-cpu (accountId)", "", "", "210987654321");

        assertEquals("metric m1 of alarm ecs-medic-cpu (accountId) names account 210987654321; this function runs in"
                + " account 123456789012, region us-east-1, partition aws and acts only on its own account's resources"
                + " in its own region", home.elsewhere(List.of(metric)).orElseThrow());
        assertEquals(Optional.empty(), home.elsewhere(List.of(new Place("the event", "", "us-east-1",
                "123456789012"))));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "the envelope's account | \"account\": \"123456789012\" | \"account\": \"210987654321\" | account 210987654321",
            "the envelope's region | \"region\": \"us-east-1\" | \"region\": \"eu-west-1\" | region eu-west-1",
            "the cluster ARN's account | \"clusterArn\": \"arn:aws:ecs:us-east-1:123456789012: | \"clusterArn\": \"arn:aws:ecs:us-east-1:210987654321: | clusterArn arn:aws:ecs:us-east-1:210987654321:cluster/observability names account 210987654321",
            "every ARN's region | arn:aws:ecs:us-east-1: | arn:aws:ecs:us-west-2: | region us-west-2",
            "every ARN's partition | arn:aws:ecs: | arn:aws-cn:ecs: | partition aws-cn"})
    void anEventNamingAnotherPlaceIsNotActedOn(String story, String from, String to, String because) throws Exception {
        String event = lockError().replace(from, to);
        assertTrue(!event.equals(lockError()), "the mutation applies");

        JsonNode report = handle(event);

        assertEquals("NO_ACTION", report.path("decision").asText(), report.toString());
        String reason = report.path("reasons").get(0).asText();
        assertTrue(reason.contains(because) && reason.contains("this function runs in account 123456789012, region"
                + " us-east-1"), reason);
        assertEquals(0, report.path("awsCalls").size(), "nothing of this account is read");
        assertEquals(0, stops());
    }
}
