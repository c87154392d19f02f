package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** The CloudWatch endpoint through the real SDK client, and the alarm events the log model makes. */
class CloudWatchSimulatorTest {
    private static final Path EVENTS = Path.of("../events");

    private EcsWorld world;
    private Simulator sim;
    private CloudWatchClient cloudWatch;

    @BeforeEach
    void start() {
        world = AlarmScenarios.alarmLockErrors().newWorld();
        sim = Simulator.start(world);
        cloudWatch = CloudWatchClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        cloudWatch.close();
        sim.close();
    }

    @Test
    void sdkReadsTheAlarmsTags() {
        var tags = cloudWatch.listTagsForResource(b -> b.resourceARN(AlarmScenarios.lockErrorAlarm().arn())).tags();
        assertEquals(Map.of("ecs-medic:cluster", Scenarios.CLUSTER, "ecs-medic:service", Scenarios.PROMETHEUS,
                "ecs-medic:action", "stale-lock"), Map.copyOf(tags.stream().collect(
                java.util.stream.Collectors.toMap(t -> t.key(), t -> t.value()))));
        assertEquals(List.of("monitoring.ListTagsForResource"), world.apiCalls().stream()
                .map(c -> c.service() + "." + c.operation()).toList());
    }

    @Test
    void unknownAlarmIsResourceNotFound() {
        ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> cloudWatch
                .listTagsForResource(b -> b.resourceARN("arn:aws:cloudwatch:us-east-1:123456789012:alarm:gone")));
        assertEquals(404, e.statusCode());
    }

    @Test
    void sdkDescribesTheAlarmWithItsStateAndTimestamps() {
        MetricAlarm alarm = cloudWatch.describeAlarms(b -> b.alarmNamePrefix("ecs-medic-")).metricAlarms().get(0);
        assertEquals(AlarmScenarios.LOCK_ALARM, alarm.alarmName());
        assertEquals(StateValue.OK, alarm.stateValue());
        assertEquals(AlarmScenarios.LOCK_METRIC, alarm.metricName());
        assertEquals(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD, alarm.comparisonOperator());
        assertEquals(1.0, alarm.threshold());
        assertEquals(60, alarm.period());
        assertTrue(alarm.stateUpdatedTimestamp().isBefore(world.now()));
        assertTrue(cloudWatch.describeAlarms(b -> b.alarmNames("other")).metricAlarms().isEmpty());
    }

    @Test
    void requestsWithoutTheRpcV2HeaderAreRejected() throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.endpoint() + "/service/GraniteServiceVersion20100801/operation/DescribeAlarms"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x")
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(400, response.statusCode());
        assertEquals("rpc-v2-cbor", response.headers().firstValue("smithy-protocol").orElse(""));
    }

    @Test
    void lockErrorInTheLogsFiresTheAlarmOnceAtTheNextMinute() throws IOException {
        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, Scenarios.CLUSTER, Scenarios.PROMETHEUS).action()
                .accept(world);
        world.advance(Duration.ofMinutes(4));
        List<JsonNode> alarms = alarmEvents();
        assertEquals("ALARM", world.cloudWatch().alarmState(AlarmScenarios.LOCK_ALARM));
        assertEquals(1, alarms.stream().filter(e -> e.at("/detail/state/value").asText().equals("ALARM")).count());
        JsonNode fired = alarms.get(0);
        assertEquals("OK", fired.at("/detail/previousState/value").asText());
        assertEquals(AlarmScenarios.lockErrorAlarm().arn(), fired.at("/resources/0").asText());
        assertTrue(fired.at("/detail/state/reason").asText().startsWith("Threshold Crossed: 1 out of the last 1"
                + " datapoints ["), fired.toString());
        assertTrue(fired.at("/detail/state/timestamp").asText().matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:00\\.000\\+0000"));
        assertEquals(60, Json.read(fired.at("/detail/state/reasonData").asText()).path("period").asInt());
        assertEquals(shape(Json.read(Files.readString(EVENTS.resolve("cloudwatch-alarm-lock-errors.json")))),
                shape(fired));
    }

    @Test
    void metricMathAlarmOnTaskCountsLooksLikeAwssAndNamesTheService() throws IOException {
        Scenario unrelated = AlarmScenarios.alarmUnrelated();
        EcsWorld w = unrelated.newWorld();
        unrelated.script().get(0).action().accept(w);
        w.advance(Duration.ofMinutes(2));
        List<JsonNode> events = w.drainEvents().stream().filter(e -> e.detailType().equals(
                AlarmScenarios.ALARM_DETAIL_TYPE)).map(e -> Json.read(e.json())).toList();
        assertEquals(1, events.size());
        JsonNode e = events.get(0);
        assertEquals("INSUFFICIENT_DATA", e.at("/detail/previousState/value").asText());
        assertEquals("ALARM", e.at("/detail/state/value").asText());
        assertEquals("SUM([m1, m2])", e.at("/detail/configuration/metrics/0/expression").asText());
        assertEquals("web", e.at("/detail/configuration/metrics/1/metricStat/metric/dimensions/ServiceName").asText());
        assertEquals(false, e.at("/detail/configuration/metrics/1/returnData").asBoolean());
        assertEquals(2.0, Json.read(e.at("/detail/state/reasonData").asText()).path("recentDatapoints").get(0)
                .asDouble());
        TreeSet<String> sample = shape(Json.read(Files.readString(EVENTS.resolve(
                "cloudwatch-alarm-ecs-metric-math.json"))));
        sample.remove("/detail/previousState/reasonData");
        assertEquals(sample, shape(e), "a newly created alarm's previous state has no reasonData");
    }

    private List<JsonNode> alarmEvents() {
        return world.drainEvents().stream().filter(e -> e.detailType().equals(AlarmScenarios.ALARM_DETAIL_TYPE))
                .map(e -> Json.read(e.json())).toList();
    }

    /** Every field path of an event (array positions folded), so simulator events compare with AWS's samples. */
    private static TreeSet<String> shape(JsonNode node) {
        TreeSet<String> paths = new TreeSet<>();
        collect(node, "", paths);
        return paths;
    }

    private static void collect(JsonNode node, String path, TreeSet<String> paths) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String child = path + "/" + (path.endsWith("/dimensions") ? "*" : f.getKey());
                paths.add(child);
                collect(f.getValue(), child, paths);
            }
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, path + "[]", paths));
        }
    }
}
