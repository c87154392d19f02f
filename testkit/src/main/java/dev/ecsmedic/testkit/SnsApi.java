package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Amazon SNS's Publish, in the query protocol (API version 2010-03-31, results wrapped like IAM's): the account's
 * topics accept every message and the world keeps it, so a test can read what people would have been told. A
 * topic whose name ends in {@code .fifo} is a FIFO topic without content-based deduplication: a message needs a
 * {@code MessageGroupId} and a {@code MessageDeduplicationId}, one whose deduplication id the topic saw in the
 * last 5 minutes is accepted but not delivered, and the answer carries a {@code SequenceNumber}. A standard
 * topic takes an optional {@code MessageGroupId} (for fair queues) and no deduplication id.
 */
final class SnsApi {

    static final String VERSION = "2010-03-31";
    static final String NS = "https://sns.amazonaws.com/doc/2010-03-31/";
    /** Up to 128 alphanumeric characters and punctuation, for a message group id and a deduplication id. */
    private static final Pattern TOKEN =
            Pattern.compile("[a-zA-Z0-9!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]{1,128}");

    private SnsApi() {
    }

    static JsonNode handle(EcsWorld w, String caller, String op, ObjectNode form) {
        if (!op.equals("Publish")) {
            throw new AwsError(400, "InvalidAction", "Could not find operation " + op + " for version " + VERSION);
        }
        String topic = form.path("TopicArn").asText("");
        String message = form.path("Message").asText("");
        if (!topic.startsWith("arn:aws:sns:") || topic.split(":").length != 6) {
            throw invalid("TopicArn");
        }
        if (message.isEmpty()) {
            throw invalid("Empty message");
        }
        String group = token(form, "MessageGroupId");
        String deduplicationId = token(form, "MessageDeduplicationId");
        String result;
        if (topic.endsWith(".fifo")) {
            if (group == null) {
                throw invalid("The MessageGroupId parameter is required for FIFO topics");
            }
            if (deduplicationId == null) {
                throw invalid("The topic should either have ContentBasedDeduplication enabled or "
                        + "MessageDeduplicationId provided explicitly");
            }
            FifoTopics.Accepted accepted = w.fifoTopics().accept(topic, deduplicationId, w.now(),
                    () -> UUID.randomUUID().toString());
            if (!accepted.duplicate()) {
                record(w, caller, topic, form, message, accepted.messageId());
            }
            result = QueryProtocol.element("MessageId", accepted.messageId()) + "\n    "
                    + QueryProtocol.element("SequenceNumber", accepted.sequenceNumber());
        } else {
            if (deduplicationId != null) {
                throw invalid("MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter"
                        + " that is not valid for this topic type");
            }
            String id = UUID.randomUUID().toString();
            record(w, caller, topic, form, message, id);
            result = QueryProtocol.element("MessageId", id);
        }
        return new TextNode(QueryProtocol.response(NS, op, "    " + result + "\n"));
    }

    private static void record(EcsWorld w, String caller, String topic, ObjectNode form, String message, String id) {
        w.recordNotification(new EcsWorld.Notification(w.now(), caller, topic, form.path("Subject").asText(""),
                message, id));
    }

    /** The parameter's value, null when absent; one that is not a valid token is an invalid parameter. */
    private static String token(ObjectNode form, String name) {
        if (!form.has(name)) {
            return null;
        }
        String value = form.get(name).asText();
        if (!TOKEN.matcher(value).matches()) {
            throw invalid(name);
        }
        return value;
    }

    private static AwsError invalid(String what) {
        return new AwsError(400, "InvalidParameter", "Invalid parameter: " + what);
    }
}
