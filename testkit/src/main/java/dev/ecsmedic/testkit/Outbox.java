package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsmedic.testkit.Model.Deployment;
import dev.ecsmedic.testkit.Model.Service;
import dev.ecsmedic.testkit.Model.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * Every EventBridge event the simulated account emits, in the order it emits them: ECS task, deployment and
 * service-action events, the CloudTrail records of mutating ECS calls and CloudWatch alarm state changes, each
 * in the envelope and detail AWS documents for it.
 */
final class Outbox {
    private final VirtualClock clock;
    private final Ids ids;
    private final List<EcsWorld.WorldEvent> events = new ArrayList<>();

    Outbox(VirtualClock clock, Ids ids) {
        this.clock = clock;
        this.ids = ids;
    }

    String newEventId() {
        return ids.uuid();
    }

    void taskStateChange(Task t) {
        emit("ECS Task State Change", "aws.ecs", List.of(t.arn), Wire.task(t, true));
    }

    void deploymentStateChange(Service s, Deployment d, String type, String name, String reason) {
        ObjectNode detail = Json.obj();
        detail.put("eventType", type);
        detail.put("eventName", name);
        detail.put("deploymentId", d.id);
        detail.put("updatedAt", Json.isoMillis(clock.instant()));
        detail.put("reason", reason);
        emit("ECS Deployment State Change", "aws.ecs", List.of(s.arn), detail);
    }

    void serviceAction(Service s, String type, String name) {
        ObjectNode detail = Json.obj();
        detail.put("eventType", type);
        detail.put("eventName", name);
        detail.put("clusterArn", s.cluster.arn);
        detail.put("createdAt", Json.isoMillis(clock.instant()));
        emit("ECS Service Action", "aws.ecs", List.of(s.arn), detail);
    }

    /** The CloudTrail record EventBridge delivers for a mutating ECS call; identity follows the caller's name. */
    void cloudTrail(String caller, String eventName, ObjectNode request, ObjectNode response) {
        boolean operator = caller.equals(EcsApi.OPERATOR);
        ObjectNode d = Json.obj();
        d.put("eventVersion", "1.08");
        d.set("userIdentity", operator ? userIdentity(caller) : roleIdentity(caller));
        d.put("eventTime", Json.isoSeconds(clock.instant()));
        d.put("eventSource", "ecs.amazonaws.com");
        d.put("eventName", eventName);
        d.put("awsRegion", Model.REGION);
        d.put("sourceIPAddress", operator ? "203.0.113.10" : "lambda.amazonaws.com");
        d.put("userAgent", operator ? "aws-cli/2.31.0" : "aws-sdk-java/2.x");
        d.set("requestParameters", request.deepCopy());
        d.set("responseElements", response.deepCopy());
        d.put("requestID", newEventId());
        d.put("eventID", newEventId());
        d.put("readOnly", false);
        d.put("eventType", "AwsApiCall");
        d.put("managementEvent", true);
        d.put("recipientAccountId", Model.ACCOUNT);
        d.put("eventCategory", "Management");
        emit("AWS API Call via CloudTrail", "aws.ecs", List.of(), d);
    }

    private static ObjectNode userIdentity(String user) {
        return Json.obj().put("type", "IAMUser").put("principalId", "AIDAEXAMPLEOPERATOR01")
                .put("arn", "arn:aws:iam::" + Model.ACCOUNT + ":user/" + user)
                .put("accountId", Model.ACCOUNT).put("accessKeyId", "AKIAEXAMPLEOPERATOR1").put("userName", user);
    }

    private ObjectNode roleIdentity(String caller) {
        String role = caller.replaceAll("[^A-Za-z0-9+=,.@_-]", "-");
        ObjectNode identity = Json.obj().put("type", "AssumedRole").put("principalId", "AROAEXAMPLEROLE00001:" + role)
                .put("arn", "arn:aws:sts::" + Model.ACCOUNT + ":assumed-role/" + role + "-role/" + role)
                .put("accountId", Model.ACCOUNT).put("accessKeyId", "ASIAEXAMPLEROLE00001");
        ObjectNode session = identity.putObject("sessionContext");
        session.putObject("sessionIssuer").put("type", "Role").put("principalId", "AROAEXAMPLEROLE00001")
                .put("arn", "arn:aws:iam::" + Model.ACCOUNT + ":role/" + role + "-role")
                .put("accountId", Model.ACCOUNT).put("userName", role + "-role");
        session.putObject("attributes").put("creationDate", Json.isoSeconds(clock.instant()))
                .put("mfaAuthenticated", "false");
        return identity;
    }

    void alarmStateChange(String alarmArn, ObjectNode detail) {
        emit("CloudWatch Alarm State Change", "aws.cloudwatch", List.of(alarmArn), detail);
    }

    List<EcsWorld.WorldEvent> drain() {
        List<EcsWorld.WorldEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    private void emit(String detailType, String source, List<String> resources, ObjectNode detail) {
        ObjectNode envelope = Wire.envelope(newEventId(), detailType, source, clock.instant(), resources, detail);
        events.add(new EcsWorld.WorldEvent(clock.instant(), detailType, Json.write(envelope)));
    }
}
