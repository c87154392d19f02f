package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsmedic.testkit.CloudWatch.Alarm;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The CloudWatch reads the alarm path uses, answered from the world's alarms: DescribeAlarms, ListTagsForResource. */
final class CloudWatchApi {
    private final CloudWatch cloudWatch;

    CloudWatchApi(CloudWatch cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    JsonNode handle(String operation, ObjectNode request) {
        return switch (operation) {
            case "ListTagsForResource" -> listTags(request);
            case "DescribeAlarms" -> describeAlarms(request);
            default -> throw new AwsError(400, "UnknownOperationException", "operation " + operation
                    + " is not simulated");
        };
    }

    private JsonNode listTags(ObjectNode request) {
        String arn = request.path("ResourceARN").asText("");
        Optional<Alarm> alarm = cloudWatch.alarms().stream().filter(a -> a.spec.arn().equals(arn))
                .findFirst();
        if (alarm.isEmpty()) {
            throw new AwsError(404, "ResourceNotFoundException", "Alarm " + arn + " does not exist");
        }
        ArrayNode tags = Json.arr();
        alarm.get().spec.tags().forEach((k, v) -> tags.addObject().put("Key", k).put("Value", v));
        ObjectNode out = Json.obj();
        out.set("Tags", tags);
        return out;
    }

    private JsonNode describeAlarms(ObjectNode request) {
        List<String> names = new ArrayList<>();
        request.path("AlarmNames").forEach(n -> names.add(n.asText()));
        String prefix = request.path("AlarmNamePrefix").asText("");
        String stateValue = request.path("StateValue").asText("");
        ObjectNode out = Json.obj();
        ArrayNode metricAlarms = out.putArray("MetricAlarms");
        for (Alarm a : cloudWatch.alarms()) {
            if ((names.isEmpty() || names.contains(a.spec.name())) && a.spec.name().startsWith(prefix)
                    && (stateValue.isEmpty() || stateValue.equals(a.state))) {
                metricAlarms.add(metricAlarm(a));
            }
        }
        out.set("CompositeAlarms", Json.arr());
        return out;
    }

    private static ObjectNode metricAlarm(Alarm a) {
        MetricAlarmSpec spec = a.spec;
        ObjectNode n = Json.obj();
        n.put("AlarmName", spec.name());
        n.put("AlarmArn", spec.arn());
        if (spec.description() != null) {
            n.put("AlarmDescription", spec.description());
        }
        n.put("ActionsEnabled", true);
        n.set("OKActions", Json.arr());
        n.set("AlarmActions", Json.arr());
        n.set("InsufficientDataActions", Json.arr());
        n.put("StateValue", a.state);
        n.put("StateReason", a.reason);
        if (a.reasonData != null) {
            n.put("StateReasonData", a.reasonData);
        }
        Json.putSeconds(n, "StateUpdatedTimestamp", a.updated);
        Json.putSeconds(n, "StateTransitionedTimestamp", a.updated);
        if (spec.singleMetric()) {
            MetricAlarmSpec.Query q = spec.metrics().get(0);
            n.put("MetricName", q.metric().name());
            n.put("Namespace", q.metric().namespace());
            n.put("Statistic", q.stat());
            n.set("Dimensions", dimensions(q.metric()));
            n.put("Period", q.period());
        } else {
            ArrayNode metrics = n.putArray("Metrics");
            for (MetricAlarmSpec.Query q : spec.metrics()) {
                ObjectNode m = metrics.addObject().put("Id", q.id());
                if (q.expression() != null) {
                    m.put("Expression", q.expression()).put("Label", q.label());
                } else {
                    ObjectNode stat = m.putObject("MetricStat");
                    ObjectNode metric = stat.putObject("Metric").put("Namespace", q.metric().namespace())
                            .put("MetricName", q.metric().name());
                    metric.set("Dimensions", dimensions(q.metric()));
                    stat.put("Period", q.period()).put("Stat", q.stat());
                }
                m.put("ReturnData", q.returnData());
            }
        }
        n.put("EvaluationPeriods", spec.evaluationPeriods());
        n.put("DatapointsToAlarm", spec.datapointsToAlarm());
        n.put("Threshold", spec.threshold());
        n.put("ComparisonOperator", spec.comparison());
        n.put("TreatMissingData", spec.treatMissingData());
        return n;
    }

    private static ArrayNode dimensions(MetricAlarmSpec.Metric metric) {
        ArrayNode a = Json.arr();
        metric.dimensions().forEach((k, v) -> a.addObject().put("Name", k).put("Value", v));
        return a;
    }
}
