package dev.ecsmedic.core.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.policy.Check;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The one place reports become JSON, so the log line and the function result are the same text. Written field by
 * field with jackson-core's streaming generator, empty values left out, in a fixed order; no data binding on the
 * cold path.
 */
public final class ReportJson {

    public static final String METRIC_NAMESPACE = "ecs-medic";

    private static final JsonFactory JSON = new JsonFactory();

    private ReportJson() {}

    public static String write(Report report) {
        return generate(json -> {
            json.writeStartObject();
            fields(json, report);
            json.writeEndObject();
        });
    }

    /**
     * The report as its log line: the same JSON plus CloudWatch embedded-metric fields, so Lambda's log delivery
     * turns every invocation into the metrics {@code ecs-medic / Decisions} and {@code ActionsExecuted} by function
     * and decision (an alarm on {@code Decision=FAILED} catches remediation that cannot reach AWS).
     */
    public static String logLine(Report report, long epochMillis) {
        long executed = report.actions().stream().filter(Report.ActionRecord::executed).count()
                + report.services().stream().flatMap(s -> s.actions().stream()).filter(Report.ActionRecord::executed)
                .count();
        return generate(json -> {
            json.writeStartObject();
            fields(json, report);
            json.writeStringField("Function", report.function());
            json.writeStringField("Decision", report.decision().name());
            json.writeNumberField("Decisions", 1);
            json.writeNumberField("ActionsExecuted", executed);
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", epochMillis);
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", METRIC_NAMESPACE);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString("Function");
            json.writeString("Decision");
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (String metric : List.of("Decisions", "ActionsExecuted")) {
                json.writeStartObject();
                json.writeStringField("Name", metric);
                json.writeStringField("Unit", "Count");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String generate(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("report not written", e);
        }
        return out.toString();
    }

    private static void fields(JsonGenerator json, Report r) throws IOException {
        text(json, "function", r.function());
        text(json, "requestId", r.requestId());
        text(json, "decision", r.decision().name());
        text(json, "cluster", r.cluster());
        text(json, "service", r.service());
        text(json, "deployment", r.deployment());
        json.writeBooleanField("dryRun", r.dryRun());
        Origin o = r.trigger();
        if (!(empty(o.source()) && empty(o.detailType()) && empty(o.eventId()) && empty(o.cause()))) {
            json.writeObjectFieldStart("trigger");
            text(json, "source", o.source());
            text(json, "detailType", o.detailType());
            text(json, "eventId", o.eventId());
            text(json, "cause", o.cause());
            json.writeEndObject();
        }
        strings(json, "reasons", r.reasons());
        if (!r.actions().isEmpty()) {
            json.writeArrayFieldStart("actions");
            for (Report.ActionRecord a : r.actions()) {
                json.writeStartObject();
                text(json, "action", a.action());
                text(json, "target", a.target());
                json.writeBooleanField("executed", a.executed());
                text(json, "reason", a.reason());
                text(json, "error", a.error());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (!r.checks().isEmpty()) {
            json.writeArrayFieldStart("checks");
            for (Check c : r.checks()) {
                json.writeStartObject();
                text(json, "check", c.check());
                text(json, "target", c.target());
                text(json, "status", c.status().name());
                text(json, "detail", c.detail());
                text(json, "fix", c.fix());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        strings(json, "awsCalls", r.awsCalls());
        if (!r.services().isEmpty()) {
            json.writeArrayFieldStart("services");
            for (Report s : r.services()) {
                json.writeStartObject();
                fields(json, s);
                json.writeEndObject();
            }
            json.writeEndArray();
        }
    }

    private static boolean empty(String value) {
        return value == null || value.isEmpty();
    }

    private static void text(JsonGenerator json, String field, String value) throws IOException {
        if (!empty(value)) {
            json.writeStringField(field, value);
        }
    }

    private static void strings(JsonGenerator json, String field, List<String> values) throws IOException {
        if (!values.isEmpty()) {
            json.writeArrayFieldStart(field);
            for (String value : values) {
                json.writeString(value);
            }
            json.writeEndArray();
        }
    }
}
