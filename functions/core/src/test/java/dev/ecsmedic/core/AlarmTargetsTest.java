package dev.ecsmedic.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.core.event.Trigger;
import dev.ecsmedic.core.port.AlarmTagReads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Given the alarm samples in events/, the alarm names its service, or the reason says why it names none. */
class AlarmTargetsTest {

    private static final Path EVENTS = Path.of("../../events");

    private final List<String> tagReads = new ArrayList<>();
    private Map<String, String> tags = Map.of();
    private Optional<String> unreadable = Optional.empty();

    private final AlarmTagReads fakeTags = alarmArn -> {
        tagReads.add(alarmArn);
        return new AlarmTagReads.Tags(tags, unreadable);
    };
    private final AlarmTargets targets = new AlarmTargets("ecs-medic-", Set.of("stale-lock"), fakeTags);

    private Trigger resolve(String file) throws IOException {
        return resolveJson(Files.readString(EVENTS.resolve(file)));
    }

    private Trigger resolveJson(String json) {
        Trigger parsed = EventParser.parse(json.getBytes());
        return targets.apply(assertInstanceOf(Trigger.AlarmChange.class, parsed));
    }

    @Test
    void shippedLockErrorAlarmNamesItsServiceByTags() throws IOException {
        tags = Map.of("ecs-medic:cluster", "observability", "ecs-medic:service", "prometheus",
                "ecs-medic:action", "stale-lock");
        Trigger.ServiceCheck check = assertInstanceOf(Trigger.ServiceCheck.class,
                resolve("cloudwatch-alarm-lock-errors.json"));
        assertEquals("observability", check.cluster());
        assertEquals("prometheus", check.service());
        assertTrue(check.origin().cause().endsWith("names observability/prometheus by its tags ecs-medic:cluster and"
                + " ecs-medic:service (ecs-medic:action=stale-lock)"), check.origin().cause());
        assertEquals(List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:"
                + "ecs-medic-observability-prometheus-lock-errors"), tagReads);
    }

    @Test
    void alarmOutsideThePrefixIsNotLookedAt() throws IOException {
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class,
                resolve("cloudwatch-alarm-ecs-metric-math.json"));
        assertEquals("alarm prometheus-cpu-high is not one ecs-medic acts on: its name does not start with"
                + " ecs-medic- (ALARM_NAME_PREFIX)", ignored.reason());
        assertEquals(List.of(), tagReads);
    }

    @Test
    void okStateDoesNothing() throws IOException {
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class, resolve("cloudwatch-alarm-ok.json"));
        assertEquals("alarm ecs-medic-observability-prometheus-lock-errors went to OK; only ALARM starts a reconcile",
                ignored.reason());
        assertEquals(List.of(), tagReads);
    }

    @Test
    void metricMathAlarmWhoseMetricsAgreeNamesTheService() throws IOException {
        String json = Files.readString(EVENTS.resolve("cloudwatch-alarm-ecs-metric-math.json"))
                .replace("prometheus-cpu-high", "ecs-medic-prometheus-cpu-high");
        Trigger.ServiceCheck check = assertInstanceOf(Trigger.ServiceCheck.class, resolveJson(json));
        assertEquals("prometheus", check.service());
        assertTrue(check.origin().cause().endsWith("names observability/prometheus by its ClusterName and"
                + " ServiceName dimensions of metric m1, m2"), check.origin().cause());
        assertEquals(List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ecs-medic-prometheus-cpu-high"),
                tagReads, "its tags are read for ecs-medic:action");
    }

    private String metricMathOptedIn() throws IOException {
        return Files.readString(EVENTS.resolve("cloudwatch-alarm-ecs-metric-math.json"))
                .replace("prometheus-cpu-high", "ecs-medic-prometheus-cpu-high");
    }

    @Test
    void anActionTagIsHonouredWhenDimensionsNameTheService() throws IOException {
        tags = Map.of("ecs-medic:action", "reboot");
        assertEquals("alarm ecs-medic-prometheus-cpu-high asks for ecs-medic:action=reboot, which this function does"
                + " not run (it runs: stale-lock)",
                assertInstanceOf(Trigger.Ignored.class, resolveJson(metricMathOptedIn())).reason());
        tags = Map.of("ecs-medic:action", "stale-lock");
        assertTrue(assertInstanceOf(Trigger.ServiceCheck.class, resolveJson(metricMathOptedIn())).origin().cause()
                .endsWith("dimensions of metric m1, m2 (ecs-medic:action=stale-lock)"));
    }

    @Test
    void tagsNamingAnotherServiceThanTheDimensionsAreNotActedOn() throws IOException {
        tags = Map.of("ecs-medic:cluster", "observability", "ecs-medic:service", "grafana");
        assertTrue(assertInstanceOf(Trigger.Ignored.class, resolveJson(metricMathOptedIn())).reason()
                .endsWith("but observability/grafana by its tags; ecs-medic acts only when both name the same"
                        + " service"));
    }

    @Test
    void unreadableTagsLeaveTheActionUnknownSoNothingIsDone() throws IOException {
        unreadable = Optional.of("not allowed to read the tags of arn:x: AccessDenied");
        assertTrue(assertInstanceOf(Trigger.Ignored.class, resolveJson(metricMathOptedIn())).reason()
                .contains("its tags cannot be read, so whether its ecs-medic:action tag allows this function is"
                        + " unknown"));
    }

    @Test
    void aMetricOfAnotherAccountIsAPlaceTheCheckCarries() throws IOException {
        String json = metricMathOptedIn().replaceFirst("\"id\": \"m1\",", "\"id\": \"m1\", \"accountId\": \"210987654321\",");
        Trigger.ServiceCheck check = assertInstanceOf(Trigger.ServiceCheck.class, resolveJson(json));
        assertTrue(check.places().stream().anyMatch(p -> p.account().equals("210987654321")
                && p.what().startsWith("metric m1")), check.places().toString());
    }

    @Test
    void metricsNamingDifferentServicesAreNotActedOn() throws IOException {
        String json = Files.readString(EVENTS.resolve("cloudwatch-alarm-ecs-metric-math.json"))
                .replace("prometheus-cpu-high", "ecs-medic-prometheus-cpu-high")
                .replaceFirst("\"ServiceName\": \"prometheus\"", "\"ServiceName\": \"grafana\"");
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class, resolveJson(json));
        assertEquals("alarm ecs-medic-prometheus-cpu-high reads metrics of different services:"
                + " observability/grafana (m1), observability/prometheus (m2); ecs-medic acts only when every metric"
                + " naming a service names the same one", ignored.reason());
        assertEquals(List.of(), tagReads);
    }

    @Test
    void alarmWithoutDimensionsOrTagsSaysWhy() throws IOException {
        Trigger.Ignored ignored = assertInstanceOf(Trigger.Ignored.class,
                resolve("cloudwatch-alarm-no-dimensions.json"));
        assertEquals("alarm ecs-medic-failed-events names no service: none of its 1 metric(s) has both ClusterName"
                + " and ServiceName dimensions, and it has no ecs-medic:cluster or ecs-medic:service tag"
                + " (it has no tags)", ignored.reason());
        assertEquals(List.of("arn:aws:cloudwatch:us-east-1:123456789012:alarm:ecs-medic-failed-events"), tagReads);
    }

    @Test
    void partialTagsAndUnknownActionsAreNamed() throws IOException {
        tags = Map.of("ecs-medic:service", "prometheus", "team", "observability");
        assertTrue(assertInstanceOf(Trigger.Ignored.class, resolve("cloudwatch-alarm-no-dimensions.json")).reason()
                .endsWith("it has no ecs-medic:cluster tag (tags: ecs-medic:service, team)"));
        tags = Map.of("ecs-medic:cluster", "observability", "ecs-medic:service", "prometheus",
                "ecs-medic:action", "reboot");
        assertEquals("alarm ecs-medic-failed-events asks for ecs-medic:action=reboot, which this function does"
                + " not run (it runs: stale-lock)",
                assertInstanceOf(Trigger.Ignored.class, resolve("cloudwatch-alarm-no-dimensions.json")).reason());
    }

    @Test
    void unreadableTagsAreTheReason() throws IOException {
        unreadable = Optional.of("alarm arn:x no longer exists");
        assertTrue(assertInstanceOf(Trigger.Ignored.class, resolve("cloudwatch-alarm-no-dimensions.json")).reason()
                .endsWith(", and its tags cannot be read: alarm arn:x no longer exists"));
    }

    @Test
    void serviceWithoutClusterIsMentioned() throws IOException {
        String json = Files.readString(EVENTS.resolve("cloudwatch-alarm-no-dimensions.json"))
                .replace("\"dimensions\": {}", "\"dimensions\": {\"ServiceName\": \"prometheus\"}");
        assertTrue(assertInstanceOf(Trigger.Ignored.class, resolveJson(json)).reason()
                .contains("(metric m1 has ServiceName prometheus but no ClusterName)"));
    }
}
