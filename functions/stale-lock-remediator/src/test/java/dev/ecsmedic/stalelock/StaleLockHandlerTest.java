package dev.ecsmedic.stalelock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The handler's contract at its edge: bad input is reported and costs no AWS call; AWS failures are retried. */
class StaleLockHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ENV = Map.of("CLUSTER_NAME", Scenarios.CLUSTER,
            "WATCHED_SERVICES", Scenarios.PROMETHEUS, "DRY_RUN", "false", "CLAIMS_TABLE", "ecs-medic-claims");

    private EcsWorld world;
    private Simulator simulator;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void start() {
        world = Scenarios.prometheusEfsLock().newWorld();
        world.dynamoDb().create("ecs-medic-claims", "id");
        simulator = Simulator.start(world);
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private StaleLockHandler handler(Map<String, String> env) {
        Remediator remediator = Functions.STALE_LOCK.compose(AwsClients.local(simulator.endpoint()), env)
                .clock(world.clock()).log(log::add).build();
        return new StaleLockHandler(remediator);
    }

    private JsonNode invoke(StaleLockHandler handler, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), out, null);
        return JSON.readTree(out.toByteArray());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "[]", "\"text\"", "{\"source\":\"aws.ecs\"}",
            "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":{\"taskArn\":1}}",
            "{\"source\":\"aws.s3\",\"detail-type\":\"Object Created\",\"detail\":{}}"})
    void badInputIsReportedAndCostsNoAwsCall(String input) throws IOException {
        JsonNode report = invoke(handler(ENV), input.getBytes(StandardCharsets.UTF_8));

        assertEquals("NO_ACTION", report.path("decision").asText());
        assertTrue(report.path("reasons").get(0).asText().length() > 10, report.toString());
        assertEquals(List.of(), world.apiCalls());
        assertEquals(1, log.size(), "one JSON log line per invocation");
        com.fasterxml.jackson.databind.node.ObjectNode logged =
                (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(log.get(0));
        assertEquals("NO_ACTION", logged.path("Decision").asText(), "the log line carries its metric dimensions");
        logged.remove(List.of("_aws", "Function", "Decision", "Decisions", "ActionsExecuted"));
        assertEquals(report, logged);
    }

    @Test
    void aPayloadOverTheAsynchronousLimitIsNotRead() throws IOException {
        byte[] huge = ("{\"detail\":\"" + "x".repeat(300 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

        JsonNode report = invoke(handler(ENV), huge);

        assertTrue(report.path("reasons").get(0).asText().startsWith("event larger than the 262144-byte limit"),
                report.toString());
        assertEquals(List.of(), world.apiCalls());
    }

    @Test
    void aBrokenConfigurationIsReportedOnEveryEventAndReadsNothing() throws IOException {
        JsonNode report = invoke(handler(Map.of("CLUSTER_NAME", Scenarios.CLUSTER, "WATCHED_SERVICES", "prometheus",
                "DRY_RUN", "maybe")), "{\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}"
                .getBytes(StandardCharsets.UTF_8));

        assertEquals("NO_ACTION", report.path("decision").asText());
        assertTrue(report.path("reasons").get(0).asText().contains("DRY_RUN must be true or false"), report.toString());
        assertEquals(List.of(), world.apiCalls());
    }

    @Test
    void whenAwsFailsTheReportSaysSoAndTheInvocationFailsSoLambdaRetries() throws IOException {
        world.throttle("DescribeServices", 10);
        String stopped = "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Deployment State Change\",\"id\":\"d\","
                + "\"resources\":[\"arn:aws:ecs:us-east-1:123456789012:service/" + Scenarios.CLUSTER + "/"
                + Scenarios.PROMETHEUS + "\"],\"detail\":{\"eventName\":\"SERVICE_DEPLOYMENT_IN_PROGRESS\"}}";

        StaleLockHandler handler = handler(ENV);
        assertThrows(Remediator.RemediationFailedException.class,
                () -> invoke(handler, stopped.getBytes(StandardCharsets.UTF_8)));
        JsonNode failed = JSON.readTree(log.get(0));
        assertEquals("FAILED", failed.path("decision").asText());
        assertTrue(failed.path("reasons").toString().contains("Rate exceeded"), failed.toString());
    }
}
