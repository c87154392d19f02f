package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The AWS query protocols IAM, EC2 and SNS speak: a form-encoded POST naming the operation in {@code Action} and
 * the API in {@code Version}, answered in XML. IAM and SNS wrap results in {@code <OpResult>} with
 * {@code <member>} lists and {@code ResponseMetadata}; EC2 puts them directly under {@code <OpResponse>} with
 * {@code <item>} lists and a {@code requestId}. Every call goes through the world's fault injector as the JSON
 * protocols' do, and a fault is answered in the service's own error body.
 */
final class QueryProtocol {
    static final String IAM_VERSION = "2010-05-08";
    static final String EC2_VERSION = "2016-11-15";
    static final String IAM_NS = "https://iam.amazonaws.com/doc/2010-05-08/";
    static final String EC2_NS = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private QueryProtocol() {
    }

    /** Answers a query-protocol request; false when the request is not one (no form body naming an Action). */
    static boolean handle(EcsWorld world, HttpExchange exchange, byte[] body) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/x-www-form-urlencoded")) {
            return false;
        }
        ObjectNode form = parse(new String(body, StandardCharsets.UTF_8));
        String action = form.path("Action").asText("");
        String version = form.path("Version").asText("");
        String service = IAM_VERSION.equals(version) ? "iam" : EC2_VERSION.equals(version) ? "ec2"
                : SnsApi.VERSION.equals(version) ? "sns" : null;
        if (action.isEmpty() || service == null) {
            respond(exchange, 400, ec2Error("InvalidAction", "The action " + action + " is not valid for this "
                    + "web service."));
            return true;
        }
        String actor = world.currentActor();
        try {
            Simulator.faulted(world, service, action, () -> Simulator.call(world, actor, service, action,
                    Json.write(form)), new Simulator.Answers(out -> respond(exchange, 200, out.textValue()),
                            e -> respond(exchange, e.status(), error(service, e))));
        } catch (AwsError e) {
            respond(exchange, e.status(), error(service, e));
        }
        return true;
    }

    static ObjectNode parse(String body) {
        ObjectNode form = Json.obj();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(key, value);
        }
        return form;
    }

    /** {@code prefix.1}, {@code prefix.2}, ... in order, as query protocols flatten a list. */
    static List<String> list(ObjectNode form, String prefix) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.has(prefix + "." + i); i++) {
            values.add(form.get(prefix + "." + i).asText());
        }
        return values;
    }

    static String iamResponse(String operation, String result) {
        return response(IAM_NS, operation, result);
    }

    /** The IAM and SNS shape: {@code <OpResponse><OpResult>...</OpResult><ResponseMetadata>}. */
    static String response(String namespace, String operation, String result) {
        return "<" + operation + "Response xmlns=\"" + namespace + "\">\n  <" + operation + "Result>\n" + result
                + "  </" + operation + "Result>\n  <ResponseMetadata>\n    <RequestId>" + UUID.randomUUID()
                + "</RequestId>\n  </ResponseMetadata>\n</" + operation + "Response>\n";
    }

    static String ec2Response(String operation, String result) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<" + operation + "Response xmlns=\"" + EC2_NS + "\">\n"
                + "    <requestId>" + UUID.randomUUID() + "</requestId>\n" + result + "</" + operation + "Response>\n";
    }

    /** The error body of {@code service}'s protocol: IAM's and SNS's {@code ErrorResponse}, EC2's {@code Response}. */
    private static String error(String service, AwsError e) {
        return switch (service) {
            case "iam" -> iamError(IAM_NS, e.status(), e.type(), e.getMessage());
            case "sns" -> iamError(SnsApi.NS, e.status(), e.type(), e.getMessage());
            default -> ec2Error(e.type(), e.getMessage());
        };
    }

    /** The IAM and SNS error: {@code Sender} for a 4xx, {@code Receiver} for a 5xx. */
    static String iamError(String namespace, int status, String code, String message) {
        return "<ErrorResponse xmlns=\"" + namespace + "\">\n  <Error>\n    <Type>" + (status >= 500 ? "Receiver"
                : "Sender") + "</Type>\n    <Code>" + code
                + "</Code>\n    <Message>" + escape(message) + "</Message>\n  </Error>\n  <RequestId>"
                + UUID.randomUUID() + "</RequestId>\n</ErrorResponse>\n";
    }

    static String ec2Error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>" + code
                + "</Code><Message>" + escape(message) + "</Message></Error></Errors><RequestID>"
                + UUID.randomUUID() + "</RequestID></Response>";
    }

    static String element(String name, String value) {
        return "<" + name + ">" + escape(value) + "</" + name + ">";
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\"", "&quot;").replace("'", "&apos;");
    }

    private static void respond(HttpExchange exchange, int status, String xml) throws IOException {
        Simulator.respond(exchange, status, xml, "text/xml;charset=UTF-8");
    }
}
