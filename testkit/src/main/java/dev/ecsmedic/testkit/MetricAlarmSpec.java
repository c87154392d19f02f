package dev.ecsmedic.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CloudWatch metric alarm as PutMetricAlarm defines it: one metric, or metric math over several queries of which
 * one returns data. Tags are what ListTagsForResource answers for it.
 */
public record MetricAlarmSpec(
        String name,
        String description,
        List<Query> metrics,
        double threshold,
        String comparison,
        int evaluationPeriods,
        int datapointsToAlarm,
        String treatMissingData,
        Map<String, String> tags) {

    public record Metric(String namespace, String name, Map<String, String> dimensions) {
        public Metric {
            dimensions = Map.copyOf(new LinkedHashMap<>(dimensions));
        }
    }

    /** A metric query: a {@code metric} with its period and statistic, or an {@code expression} over other ids. */
    public record Query(String id, Metric metric, int period, String stat, String expression, String label,
                        boolean returnData) {

        public static Query metric(String id, Metric metric, int period, String stat, boolean returnData) {
            return new Query(id, metric, period, stat, null, null, returnData);
        }

        public static Query expression(String id, String expression, String label) {
            return new Query(id, null, 60, null, expression, label, true);
        }
    }

    public MetricAlarmSpec {
        metrics = List.copyOf(metrics);
        tags = Map.copyOf(tags);
        if (metrics.stream().filter(Query::returnData).count() != 1) {
            throw new IllegalArgumentException("exactly one metric query of alarm " + name + " must return data");
        }
    }

    /** A single-metric alarm (PutMetricAlarm with MetricName, Namespace, Statistic, Period). */
    public static MetricAlarmSpec single(String name, String description, Metric metric, String stat, int period,
                                         double threshold, String comparison, String treatMissingData,
                                         Map<String, String> tags) {
        return new MetricAlarmSpec(name, description, List.of(Query.metric("m1", metric, period, stat, true)),
                threshold, comparison, 1, 1, treatMissingData, tags);
    }

    public String arn() {
        return "arn:aws:cloudwatch:" + Model.REGION + ":" + Model.ACCOUNT + ":alarm:" + name;
    }

    boolean singleMetric() {
        return metrics.size() == 1 && metrics.get(0).metric() != null;
    }

    Query result() {
        return metrics.stream().filter(Query::returnData).findFirst().orElseThrow();
    }
}
