package dev.ecsmedic.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EventParserTest {

    private static Trigger parse(String json) {
        return EventParser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String envelope(String source, String detailType, String resources, String detail) {
        return """
                {"version":"0","id":"e-1","detail-type":"%s","source":"%s","account":"123456789012",
                 "time":"2025-11-13T22:32:40Z","region":"us-east-1","resources":%s,"detail":%s}"""
                .formatted(detailType, source, resources, detail);
    }

    @Test
    void aServiceTaskStopNamesItsServiceAndTask() {
        Trigger trigger = parse(envelope("aws.ecs", "ECS Task State Change",
                "[\"arn:aws:ecs:us-east-1:123456789012:task/observability/abc\"]", """
                {"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                 "taskArn":"arn:aws:ecs:us-east-1:123456789012:task/observability/abc","group":"service:prometheus",
                 "startedBy":"ecs-svc/4913765226784567890","lastStatus":"STOPPED","desiredStatus":"STOPPED",
                 "stopCode":"EssentialContainerExited","version":6,"containers":[{"name":"prometheus","exitCode":1}],
                 "someFieldAddedLater":{"x":1}}"""));

        Trigger.ServiceCheck check = assertInstanceOf(Trigger.ServiceCheck.class, trigger);
        assertEquals("observability", check.cluster());
        assertEquals("prometheus", check.service());
        assertEquals(List.of("arn:aws:ecs:us-east-1:123456789012:task/observability/abc"), check.taskHints());
        assertTrue(check.origin().cause().contains("abc STOPPED (EssentialContainerExited)"), check.origin().cause());
        assertEquals("e-1", check.origin().eventId());
    }

    @Test
    void aStandaloneTaskIsIgnored() {
        Trigger trigger = parse(envelope("aws.ecs", "ECS Task State Change", "[]", """
                {"clusterArn":"arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                 "taskArn":"arn:aws:ecs:us-east-1:123456789012:task/observability/abc","group":"family:backup",
                 "lastStatus":"STOPPED"}"""));

        assertTrue(assertInstanceOf(Trigger.Ignored.class, trigger).reason().contains("not a service task"));
    }

    @Test
    void deploymentEventsNameTheServiceOnlyInResources() {
        Trigger trigger = parse(envelope("aws.ecs", "ECS Deployment State Change",
                "[\"arn:aws:ecs:us-east-1:123456789012:service/observability/prometheus\"]",
                "{\"eventType\":\"INFO\",\"eventName\":\"SERVICE_DEPLOYMENT_IN_PROGRESS\","
                        + "\"deploymentId\":\"ecs-svc/4913765226784567890\"}"));

        Trigger.ServiceCheck check = assertInstanceOf(Trigger.ServiceCheck.class, trigger);
        assertEquals("prometheus", check.service());
        assertEquals("observability", check.cluster());
    }

    @Test
    void cloudTrailUpdateServiceWithoutClusterMeansTheDefaultCluster() {
        Trigger trigger = parse(envelope("aws.ecs", "AWS API Call via CloudTrail", "[]", """
                {"eventSource":"ecs.amazonaws.com","eventName":"UpdateService",
                 "requestParameters":{"service":"prometheus","enableExecuteCommand":true}}"""));

        Trigger.ServiceCheck check = assertInstanceOf(Trigger.ServiceCheck.class, trigger);
        assertEquals("default", check.cluster());
    }

    @Test
    void cloudTrailCreateServiceNamesTheServiceInServiceNameAndTheClusterMayBeAnArn() {
        Trigger trigger = parse(envelope("aws.ecs", "AWS API Call via CloudTrail", "[]", """
                {"eventSource":"ecs.amazonaws.com","eventName":"CreateService",
                 "requestParameters":{"cluster":"arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                 "serviceName":"prometheus","enableExecuteCommand":true}}"""));

        Trigger.ServiceCheck check = assertInstanceOf(Trigger.ServiceCheck.class, trigger);
        assertEquals("observability", check.cluster());
        assertEquals("prometheus", check.service());
    }

    @Test
    void enablingExecCarriesWhenCloudTrailRecordedIt() {
        Trigger.ServiceCheck enabled = assertInstanceOf(Trigger.ServiceCheck.class, parse(envelope("aws.ecs",
                "AWS API Call via CloudTrail", "[]", """
                {"eventSource":"ecs.amazonaws.com","eventName":"UpdateService","eventTime":"2025-11-13T22:25:41Z",
                 "requestParameters":{"cluster":"observability","service":"prometheus","enableExecuteCommand":true}}""")));
        Trigger.ServiceCheck forced = assertInstanceOf(Trigger.ServiceCheck.class, parse(envelope("aws.ecs",
                "AWS API Call via CloudTrail", "[]", """
                {"eventSource":"ecs.amazonaws.com","eventName":"UpdateService","eventTime":"2025-11-13T22:26:00Z",
                 "requestParameters":{"cluster":"observability","service":"prometheus","forceNewDeployment":true}}""")));

        assertEquals(Optional.of(Instant.parse("2025-11-13T22:25:41Z")), enabled.execEnabledAt());
        assertEquals(Optional.empty(), forced.execEnabledAt());
    }

    @Test
    void aFailedApiCallChangedNothing() {
        Trigger trigger = parse(envelope("aws.ecs", "AWS API Call via CloudTrail", "[]", """
                {"eventSource":"ecs.amazonaws.com","eventName":"UpdateService","errorCode":"AccessDenied",
                 "requestParameters":{"service":"prometheus"}}"""));

        assertTrue(assertInstanceOf(Trigger.Ignored.class, trigger).reason().contains("AccessDenied"));
    }

    @Test
    void theScheduleSweeps() {
        assertInstanceOf(Trigger.Sweep.class, parse(envelope("aws.events", "Scheduled Event",
                "[\"arn:aws:events:us-east-1:123456789012:rule/safety-net\"]", "{}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "not json", "[1,2,3]", "42", "null", "{\"detail-type\":",
            "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\"}",
            "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":{}}",
            "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"detail\":{\"containers\":\"x\",\"taskArn\":\"a\",\"clusterArn\":\"c\"}}",
            "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Deployment State Change\",\"detail\":{},\"resources\":[\"arn:aws:ecs:us-east-1:1:service/prometheus\"]}",
            "{\"source\":\"custom.app\",\"detail-type\":\"Something\",\"detail\":{}}",
            "{\"source\":\"aws.ecs\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{\"eventSource\":\"ecs.amazonaws.com\",\"eventName\":\"ListTasks\"}}",
            "{\"source\":\"aws.ecs\",\"detail-type\":\"ECS Task State Change\",\"resources\":\"not a list\",\"detail\":{}}"
    })
    void badOrUnhandledInputIsIgnoredWithAReason(String input) {
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class, parse(input));
        assertTrue(!ignored.reason().isBlank());
    }

    @Test
    void anOversizedPayloadIsNotRead() {
        byte[] huge = new byte[EventParser.MAX_EVENT_BYTES + 1];
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class, EventParser.parse(huge));
        assertTrue(ignored.reason().startsWith("event larger than the 262144-byte limit"), ignored.reason());
        assertFalse(ignored.reason().contains("262145"), "the handler reads one byte past the limit; that is no size");
    }

    @Test
    void deeplyNestedJsonIsRejectedNotACrash() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        assertInstanceOf(Trigger.Ignored.class, parse(nested));
    }

    private static String taskStop(String clusterArn, String taskArn, String group) {
        return envelope("aws.ecs", "ECS Task State Change", "[]", """
                {"clusterArn":"%s","taskArn":"%s","group":"%s","lastStatus":"STOPPED","desiredStatus":"STOPPED"}"""
                .formatted(clusterArn, taskArn, group));
    }

    @Test
    void aTaskOfAnotherClusterThanTheEventSaysIsIgnored() {
        Trigger trigger = parse(taskStop("arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                "arn:aws:ecs:us-east-1:123456789012:task/production/abc", "service:prometheus"));

        assertEquals("taskArn arn:aws:ecs:us-east-1:123456789012:task/production/abc is not a task of cluster"
                + " arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                assertInstanceOf(Trigger.Ignored.class, trigger).reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"service:prometheus\\u0000", "service:pr\\u043emetheus", "service:prometheus ",
            "service:*", "service:a/b"})
    void aNameEcsCouldNotHaveGivenIsNoService(String group) {
        Trigger trigger = parse(taskStop("arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                "arn:aws:ecs:us-east-1:123456789012:task/observability/abc", group));

        assertTrue(assertInstanceOf(Trigger.Ignored.class, trigger).reason().contains("is not an ECS service name"),
                trigger.toString());
    }

    @Test
    void aTaskArnWithALoneSurrogateIsNotSentToAws() {
        Trigger trigger = parse(taskStop("arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                "arn:aws:ecs:us-east-1:123456789012:task/observability/abc\\ud800", "service:prometheus"));

        assertEquals("taskArn 'arn:aws:ecs:us-east-1:123456789012:task/observability/abc\\ud800' is not an ECS task"
                + " ARN", assertInstanceOf(Trigger.Ignored.class, trigger).reason());
    }

    @Test
    void anAlarmWhoseArnIsNotItsOwnIsIgnored() {
        Trigger trigger = parse(envelope("aws.cloudwatch", "CloudWatch Alarm State Change",
                "[\"arn:aws:cloudwatch:us-east-1:123456789012:alarm:ecs-medic-other\"]",
                "{\"alarmName\":\"ecs-medic-cpu\",\"state\":{\"value\":\"ALARM\"}}"));

        assertEquals("resources[0] 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ecs-medic-other' is not the ARN"
                + " of alarm ecs-medic-cpu", assertInstanceOf(Trigger.Ignored.class, trigger).reason());
    }

    @Test
    void hugeTextFromTheEventIsShownAbbreviated() {
        String huge = "x".repeat(200_000);
        Trigger trigger = parse(envelope("aws.ecs", huge, "[]", "{}"));

        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class, trigger);
        assertTrue(ignored.origin().detailType().endsWith("…(200000 chars)"), ignored.origin().detailType());
        assertTrue(ignored.origin().detailType().length() < 200);
        assertTrue(ignored.reason().length() <= 2100, "reason of " + ignored.reason().length() + " chars");
    }

    @Test
    void aServiceActionWhoseClusterIsNotTheServicesIsIgnored() {
        Trigger trigger = parse(envelope("aws.ecs", "ECS Service Action",
                "[\"arn:aws:ecs:us-east-1:123456789012:service/observability/prometheus\"]",
                "{\"eventName\":\"SERVICE_TASK_START_IMPAIRED\","
                        + "\"clusterArn\":\"arn:aws:ecs:us-east-1:123456789012:cluster/production\"}"));

        assertTrue(assertInstanceOf(Trigger.Ignored.class, trigger).reason().endsWith("clusterArn"
                + " arn:aws:ecs:us-east-1:123456789012:cluster/production, another cluster"), trigger.toString());
    }

    private static String taskStopWith(String fields) {
        return envelope("aws.ecs", "ECS Task State Change", "[]", "{\"clusterArn\":"
                + "\"arn:aws:ecs:us-east-1:123456789012:cluster/observability\",\"taskArn\":"
                + "\"arn:aws:ecs:us-east-1:123456789012:task/observability/abc\",\"group\":\"service:prometheus\","
                + "\"lastStatus\":\"STOPPED\"" + fields + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1\"", "1.0", "1.5", "4294967297", "true", "{}", "[1]", "1e999"})
    void anExitCodeThatIsNotAnIntegerIsMalformed(String exitCode) {
        assertInstanceOf(Trigger.ServiceCheck.class, parse(taskStopWith(",\"containers\":[{\"exitCode\":1}]")));
        Trigger trigger = parse(taskStopWith(",\"containers\":[{\"name\":\"p\",\"exitCode\":" + exitCode + "}]"));

        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class, trigger);
        assertEquals("malformed detail", ignored.origin().cause());
        assertTrue(ignored.reason().endsWith("containers[].exitCode is not a 32-bit integer"), ignored.reason());
    }

    @Test
    void anObjectWhereTextBelongsIsMalformed() {
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class,
                parse(taskStopWith(",\"stopCode\":{\"code\":\"EssentialContainerExited\"}")));
        assertTrue(ignored.reason().endsWith("stopCode is not a value"), ignored.reason());
        assertInstanceOf(Trigger.Ignored.class, parse(envelope("aws.ecs", "ECS Task State Change", "[[\"arn\"]]",
                "{}")));
    }

    @Test
    void aNumberWhereAnArnBelongsIsNoArn() {
        Trigger trigger = parse(envelope("aws.ecs", "ECS Task State Change", "[]",
                "{\"clusterArn\":\"arn:aws:ecs:us-east-1:123456789012:cluster/observability\",\"taskArn\":12345,"
                        + "\"group\":\"service:prometheus\",\"lastStatus\":\"STOPPED\"}"));
        assertEquals("taskArn '12345' is not an ECS task ARN", assertInstanceOf(Trigger.Ignored.class, trigger)
                .reason());
        Trigger group = parse(taskStopWith("").replace("\"group\":\"service:prometheus\"", "\"group\":7"));
        assertTrue(assertInstanceOf(Trigger.Ignored.class, group).reason().contains("is not a service task (group '7')"),
                group.toString());
    }

    @Test
    void aRepeatedKeyReadsAsItsLastValue() {
        String event = envelope("aws.ecs", "ECS Task State Change", "[]", "{}")
                .replace("\"source\":\"aws.ecs\"", "\"source\":\"aws.ecs\",\"source\":\"custom.app\"");
        assertEquals("unhandled event type 'ECS Task State Change' from 'custom.app'",
                assertInstanceOf(Trigger.Ignored.class, parse(event)).reason());
    }

    @Test
    void deepNestingInsideTheDetailIsRejectedNotACrash() {
        Trigger trigger = parse(taskStopWith(",\"overrides\":" + "{\"a\":".repeat(3000) + "1" + "}".repeat(3000)));
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class, trigger);
        assertTrue(ignored.reason().startsWith("input is not JSON: "), ignored.reason());
    }

    @Test
    void aHugeArnOrNumberIsIgnoredWithABoundedReason() {
        Trigger huge = parse(taskStop("arn:aws:ecs:us-east-1:123456789012:cluster/observability",
                "arn:aws:ecs:us-east-1:123456789012:task/observability/" + "a".repeat(250_000), "service:prometheus"));
        assertTrue(assertInstanceOf(Trigger.Ignored.class, huge).reason().length() <= 2100);
        Trigger digits = parse(taskStopWith(",\"containers\":[{\"exitCode\":" + "9".repeat(5000) + "}]"));
        assertTrue(assertInstanceOf(Trigger.Ignored.class, digits).reason().length() <= 2100);
    }
}
