package dev.ecsmedic.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.policy.Check;
import java.util.List;

/**
 * The one place reports become JSON, so the log line and the function result are the same text. Written field by
 * field, empty values left out, in a fixed order; no reflective binding on the cold path.
 */
public final class ReportJson {

    public static final String METRIC_NAMESPACE = "ecs-medic";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {}

    public static String write(Report report) {
        return writeValue(node(report));
    }

    /**
     * The report as its log line: the same JSON plus CloudWatch embedded-metric fields, so Lambda's log delivery
     * turns every invocation into the metrics {@code ecs-medic / Decisions} and {@code ActionsExecuted} by function
     * and decision (an alarm on {@code Decision=FAILED} catches remediation that cannot reach AWS).
     */
    public static String logLine(Report report, long epochMillis) {
        ObjectNode line = node(report);
        long executed = report.actions().stream().filter(Report.ActionRecord::executed).count()
                + report.services().stream().flatMap(s -> s.actions().stream()).filter(Report.ActionRecord::executed)
                .count();
        line.put("Function", report.function()).put("Decision", report.decision().name())
                .put("Decisions", 1).put("ActionsExecuted", executed);
        ObjectNode metrics = line.putObject("_aws").put("Timestamp", epochMillis)
                .putArray("CloudWatchMetrics").addObject().put("Namespace", METRIC_NAMESPACE);
        metrics.putArray("Dimensions").addArray().add("Function").add("Decision");
        ArrayNode names = metrics.putArray("Metrics");
        names.addObject().put("Name", "Decisions").put("Unit", "Count");
        names.addObject().put("Name", "ActionsExecuted").put("Unit", "Count");
        return writeValue(line);
    }

    /** Any other record of checks, strings and lists (for the command line), by Jackson's record binding. */
    public static String write(Object value) {
        return writeValue(value);
    }

    private static String writeValue(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(value.getClass().getSimpleName() + " not serialisable", e);
        }
    }

    private static ObjectNode node(Report r) {
        ObjectNode n = JSON.createObjectNode();
        text(n, "function", r.function());
        text(n, "requestId", r.requestId());
        text(n, "decision", r.decision().name());
        text(n, "cluster", r.cluster());
        text(n, "service", r.service());
        text(n, "deployment", r.deployment());
        n.put("dryRun", r.dryRun());
        Origin o = r.trigger();
        ObjectNode trigger = JSON.createObjectNode();
        text(trigger, "source", o.source());
        text(trigger, "detailType", o.detailType());
        text(trigger, "eventId", o.eventId());
        text(trigger, "cause", o.cause());
        if (!trigger.isEmpty()) {
            n.set("trigger", trigger);
        }
        strings(n, "reasons", r.reasons());
        if (!r.actions().isEmpty()) {
            ArrayNode actions = n.putArray("actions");
            for (Report.ActionRecord a : r.actions()) {
                ObjectNode action = actions.addObject();
                text(action, "action", a.action());
                text(action, "target", a.target());
                action.put("executed", a.executed());
                text(action, "reason", a.reason());
                text(action, "error", a.error());
            }
        }
        if (!r.checks().isEmpty()) {
            ArrayNode checks = n.putArray("checks");
            for (Check c : r.checks()) {
                ObjectNode check = checks.addObject();
                text(check, "check", c.check());
                text(check, "target", c.target());
                text(check, "status", c.status().name());
                text(check, "detail", c.detail());
                text(check, "fix", c.fix());
            }
        }
        strings(n, "awsCalls", r.awsCalls());
        if (!r.services().isEmpty()) {
            ArrayNode services = n.putArray("services");
            r.services().forEach(s -> services.add(node(s)));
        }
        return n;
    }

    private static void text(ObjectNode node, String field, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(field, value);
        }
    }

    private static void strings(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }
}
