package dev.ecsmedic.core.event;

import java.util.List;
import java.util.Map;

/**
 * The parts of a "CloudWatch Alarm State Change" detail that name a target: the alarm, its new state, and the
 * dimensions of each metric it reads (metric-math alarms read several; {@code returnData} marks the result).
 * A metric's {@code accountId} is set when it is read from another account (cross-account alarms), else empty.
 */
public record AlarmStateChange(
        String alarmArn, String alarmName, String state, String previousState, List<Metric> metrics) {

    public record Metric(String id, String accountId, String namespace, String name, Map<String, String> dimensions,
                         boolean returnData) {
        public Metric {
            dimensions = Map.copyOf(dimensions);
        }
    }

    public AlarmStateChange {
        metrics = List.copyOf(metrics);
    }
}
