package dev.ecsmedic.testkit;

/**
 * A CloudWatch Logs metric filter: every line of {@code logGroup} matching {@code pattern} adds {@code value} to
 * the metric. Plain-text lines carry no fields, so such a metric has no dimensions.
 */
public record MetricFilterSpec(String logGroup, String pattern, String namespace, String metricName, double value) {

    public static MetricFilterSpec counting(String logGroup, String pattern, String namespace, String metricName) {
        return new MetricFilterSpec(logGroup, pattern, namespace, metricName, 1);
    }
}
