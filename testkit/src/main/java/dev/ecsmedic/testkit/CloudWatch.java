package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CloudWatch over the world: metric filters turn matching log lines into datapoints, ECS/ContainerInsights task
 * counts are sampled from the scheduler, and alarms are evaluated at every simulated minute, emitting the
 * "CloudWatch Alarm State Change" events AWS documents. {@link CloudWatchApi} serves its alarms.
 */
public final class CloudWatch {
    static final String CONTAINER_INSIGHTS = "ECS/ContainerInsights";
    private static final DateTimeFormatter STATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter REASON_TIME =
            DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final Pattern FUNCTION = Pattern.compile("(SUM|MAX|MIN|AVG)\\(\\[([\\w\\s,]+)]\\)");
    private static final Pattern BINARY = Pattern.compile("(\\w+)\\s*([-+])\\s*(\\w+)");

    private final EcsWorld world;
    private final Outbox outbox;
    private final List<MetricFilterSpec> filters = new ArrayList<>();
    private final Map<String, Alarm> alarms = new LinkedHashMap<>();

    /** A metric alarm and the state it is in. */
    static final class Alarm {
        final MetricAlarmSpec spec;
        String state = "INSUFFICIENT_DATA";
        String reason = "Unchecked: Initial alarm creation";
        String reasonData;
        Instant updated;
        final List<OptionalDouble> recent = new ArrayList<>();

        Alarm(MetricAlarmSpec spec, Instant created) {
            this.spec = spec;
            this.updated = created;
        }
    }

    CloudWatch(EcsWorld world, Outbox outbox) {
        this.world = world;
        this.outbox = outbox;
    }

    public void putMetricFilter(MetricFilterSpec filter) {
        synchronized (world) {
            FilterPattern.parse(filter.pattern());
            world.createLogGroup(filter.logGroup());
            filters.add(filter);
        }
    }

    public void putMetricAlarm(MetricAlarmSpec spec) {
        synchronized (world) {
            alarms.put(spec.name(), new Alarm(spec, world.now()));
        }
    }

    public String alarmState(String name) {
        synchronized (world) {
            Alarm alarm = alarms.get(name);
            if (alarm == null) {
                throw new IllegalArgumentException("no alarm " + name);
            }
            return alarm.state;
        }
    }

    /** The alarms in the order they were put. */
    List<Alarm> alarms() {
        return List.copyOf(alarms.values());
    }

    void tick(Instant now) {
        if (now.getEpochSecond() % 60 != 0) {
            return;
        }
        for (Alarm alarm : alarms.values()) {
            evaluate(alarm, now);
        }
    }

    private void evaluate(Alarm alarm, Instant now) {
        MetricAlarmSpec spec = alarm.spec;
        MetricAlarmSpec.Query result = spec.result();
        Instant start = now.minusSeconds(period(spec));
        OptionalDouble value = value(spec, result, start, now);
        alarm.recent.add(value);
        while (alarm.recent.size() > spec.evaluationPeriods()) {
            alarm.recent.remove(0);
        }
        long present = alarm.recent.stream().filter(OptionalDouble::isPresent).count();
        long breaching = alarm.recent.stream().filter(v -> v.isPresent() ? breaches(spec, v.getAsDouble())
                : spec.treatMissingData().equals("breaching")).count();
        String next;
        if (breaching >= spec.datapointsToAlarm()) {
            next = "ALARM";
        } else if (present == 0 && spec.treatMissingData().equals("missing")) {
            next = "INSUFFICIENT_DATA";
        } else if (present == 0 && spec.treatMissingData().equals("ignore")) {
            next = alarm.state;
        } else {
            next = "OK";
        }
        if (next.equals(alarm.state)) {
            return;
        }
        String previousState = alarm.state;
        ObjectNode previous = stateNode(alarm);
        alarm.state = next;
        alarm.updated = now;
        alarm.reason = reason(spec, value, start, previousState, next);
        ObjectNode data = Json.obj().put("version", "1.0").put("queryDate", STATE_TIME.format(now))
                .put("startDate", STATE_TIME.format(start));
        if (spec.singleMetric()) {
            data.put("statistic", result.stat());
        }
        data.put("period", period(spec));
        ArrayNode recent = data.putArray("recentDatapoints");
        value.ifPresent(recent::add);
        data.put("threshold", spec.threshold());
        alarm.reasonData = Json.write(data);
        ObjectNode detail = Json.obj();
        detail.put("alarmName", spec.name());
        detail.set("configuration", configuration(spec));
        detail.set("previousState", previous);
        detail.set("state", stateNode(alarm));
        outbox.alarmStateChange(spec.arn(), detail);
    }

    private static int period(MetricAlarmSpec spec) {
        return spec.metrics().stream().filter(q -> q.metric() != null).mapToInt(MetricAlarmSpec.Query::period)
                .max().orElse(60);
    }

    private static boolean breaches(MetricAlarmSpec spec, double v) {
        double t = spec.threshold();
        return switch (spec.comparison()) {
            case "GreaterThanOrEqualToThreshold" -> v >= t;
            case "GreaterThanThreshold" -> v > t;
            case "LessThanThreshold" -> v < t;
            case "LessThanOrEqualToThreshold" -> v <= t;
            default -> throw new IllegalArgumentException("unsupported ComparisonOperator " + spec.comparison());
        };
    }

    private static String reason(MetricAlarmSpec spec, OptionalDouble value, Instant start, String from, String to) {
        if (value.isEmpty()) {
            return "Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as ["
                    + (spec.treatMissingData().equals("breaching") ? "Breaching" : "NonBreaching") + "].";
        }
        String operator = switch (spec.comparison()) {
            case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
            case "GreaterThanThreshold" -> "greater than";
            case "LessThanThreshold" -> "less than";
            default -> "less than or equal to";
        };
        boolean alarm = to.equals("ALARM");
        return String.format(Locale.ROOT, "Threshold Crossed: 1 out of the last %d datapoints [%s (%s)] was %s%s the"
                        + " threshold (%s) (minimum %d datapoint for %s -> %s transition).", spec.evaluationPeriods(),
                value.getAsDouble(), REASON_TIME.format(start), alarm ? "" : "not ", operator, spec.threshold(),
                spec.datapointsToAlarm(), from, to);
    }

    private ObjectNode stateNode(Alarm alarm) {
        ObjectNode n = Json.obj().put("reason", alarm.reason);
        if (alarm.reasonData != null) {
            n.put("reasonData", alarm.reasonData);
        }
        return n.put("timestamp", STATE_TIME.format(alarm.updated)).put("value", alarm.state);
    }

    private static ObjectNode configuration(MetricAlarmSpec spec) {
        ObjectNode c = Json.obj();
        if (spec.description() != null) {
            c.put("description", spec.description());
        }
        ArrayNode metrics = c.putArray("metrics");
        for (MetricAlarmSpec.Query q : spec.metrics()) {
            ObjectNode m = metrics.addObject();
            if (q.expression() != null) {
                m.put("expression", q.expression()).put("id", q.id()).put("label", q.label())
                        .put("returnData", q.returnData());
                continue;
            }
            m.put("id", q.id());
            ObjectNode stat = m.putObject("metricStat");
            ObjectNode metric = stat.putObject("metric");
            ObjectNode dimensions = metric.putObject("dimensions");
            q.metric().dimensions().forEach(dimensions::put);
            metric.put("name", q.metric().name()).put("namespace", q.metric().namespace());
            stat.put("period", q.period()).put("stat", q.stat());
            m.put("returnData", q.returnData());
        }
        return c;
    }

    private OptionalDouble value(MetricAlarmSpec spec, MetricAlarmSpec.Query query, Instant start, Instant end) {
        if (query.metric() != null) {
            return datapoint(query.metric(), query.stat(), start, end);
        }
        Map<String, OptionalDouble> inputs = new LinkedHashMap<>();
        for (MetricAlarmSpec.Query q : spec.metrics()) {
            if (q != query) {
                inputs.put(q.id(), value(spec, q, start, end));
            }
        }
        String expression = query.expression().trim();
        Matcher function = FUNCTION.matcher(expression);
        if (function.matches()) {
            List<Double> present = new ArrayList<>();
            for (String id : function.group(2).split(",")) {
                input(inputs, id.trim()).ifPresent(present::add);
            }
            if (present.isEmpty()) {
                return OptionalDouble.empty();
            }
            var stats = present.stream().mapToDouble(Double::doubleValue).summaryStatistics();
            return OptionalDouble.of(switch (function.group(1)) {
                case "SUM" -> stats.getSum();
                case "MAX" -> stats.getMax();
                case "MIN" -> stats.getMin();
                default -> stats.getAverage();
            });
        }
        Matcher binary = BINARY.matcher(expression);
        if (binary.matches()) {
            OptionalDouble a = input(inputs, binary.group(1));
            OptionalDouble b = input(inputs, binary.group(3));
            if (a.isEmpty() || b.isEmpty()) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(binary.group(2).equals("+") ? a.getAsDouble() + b.getAsDouble()
                    : a.getAsDouble() - b.getAsDouble());
        }
        throw new IllegalArgumentException("metric math not simulated: " + expression);
    }

    private static OptionalDouble input(Map<String, OptionalDouble> inputs, String id) {
        OptionalDouble v = inputs.get(id);
        if (v == null) {
            throw new IllegalArgumentException("metric math names an unknown id " + id);
        }
        return v;
    }

    private OptionalDouble datapoint(MetricAlarmSpec.Metric metric, String stat, Instant start, Instant end) {
        if (metric.namespace().equals(CONTAINER_INSIGHTS)) {
            return taskCount(metric);
        }
        List<Double> samples = new ArrayList<>();
        for (MetricFilterSpec filter : filters) {
            if (!filter.namespace().equals(metric.namespace()) || !filter.metricName().equals(metric.name())
                    || !metric.dimensions().isEmpty()) {
                continue;
            }
            FilterPattern pattern = FilterPattern.parse(filter.pattern());
            Map<String, List<LogStore.Event>> streams = world.logStreams(filter.logGroup());
            if (streams == null) {
                continue;
            }
            streams.values().forEach(events -> events.stream()
                    .filter(e -> e.timestamp() >= start.toEpochMilli() && e.timestamp() < end.toEpochMilli())
                    .filter(e -> pattern.matches(e.message()))
                    .forEach(e -> samples.add(filter.value())));
        }
        if (samples.isEmpty()) {
            return OptionalDouble.empty();
        }
        var stats = samples.stream().mapToDouble(Double::doubleValue).summaryStatistics();
        return OptionalDouble.of(switch (stat) {
            case "Sum" -> stats.getSum();
            case "SampleCount" -> stats.getCount();
            case "Maximum" -> stats.getMax();
            case "Minimum" -> stats.getMin();
            default -> stats.getAverage();
        });
    }

    /** RunningTaskCount and PendingTaskCount of a service, as Container Insights reports them each minute. */
    private OptionalDouble taskCount(MetricAlarmSpec.Metric metric) {
        String cluster = metric.dimensions().get("ClusterName");
        String service = metric.dimensions().get("ServiceName");
        if (cluster == null || service == null || !world.hasService(cluster, service)) {
            return OptionalDouble.empty();
        }
        List<String> counted = switch (metric.name()) {
            case "RunningTaskCount" -> List.of("RUNNING");
            case "PendingTaskCount" -> List.of("PROVISIONING", "PENDING", "ACTIVATING");
            default -> List.of();
        };
        if (counted.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(world.tasks(cluster, service).stream()
                .filter(t -> counted.contains(t.lastStatus())).count());
    }
}
