package dev.ecsmedic.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        assertTrue(ignored.reason().contains("exceeds"), ignored.reason());
    }

    @Test
    void deeplyNestedJsonIsRejectedNotACrash() {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        assertInstanceOf(Trigger.Ignored.class, parse(nested));
    }
}
