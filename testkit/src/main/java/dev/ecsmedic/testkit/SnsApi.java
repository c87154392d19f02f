package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.UUID;

/**
 * Amazon SNS's Publish, in the query protocol (API version 2010-03-31, results wrapped like IAM's): the account's
 * topics accept every message and the world keeps it, so a test can read what people would have been told.
 */
final class SnsApi {

    static final String VERSION = "2010-03-31";
    static final String NS = "https://sns.amazonaws.com/doc/2010-03-31/";

    private SnsApi() {
    }

    static JsonNode handle(EcsWorld w, String caller, String op, ObjectNode form) {
        if (!op.equals("Publish")) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + op + " for version " + VERSION);
        }
        String topic = form.path("TopicArn").asText("");
        String message = form.path("Message").asText("");
        if (!topic.startsWith("arn:aws:sns:") || topic.split(":").length != 6) {
            throw new AwsError(400, "InvalidParameter", "Invalid parameter: TopicArn");
        }
        if (message.isEmpty()) {
            throw new AwsError(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        String id = UUID.randomUUID().toString();
        w.recordNotification(new EcsWorld.Notification(w.now(), caller, topic, form.path("Subject").asText(""),
                message, id));
        return new TextNode(QueryProtocol.response(NS, op, "    " + QueryProtocol.element("MessageId", id) + "\n"));
    }
}
