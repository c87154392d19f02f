package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.Service;

/** Runs scenarios with a deliberately small stand-in remediator that reaches the world only through the SDK. */
class ScenarioRunnerTest {
    private static final String FN = "ToyRemediator";
    private static final EventRoutes ECS_EVENTS = event -> {
        String type = Json.read(event).path("detail-type").asText();
        return type.startsWith("ECS ") ? List.of(FN) : List.of();
    };

    /** Stops older-deployment tasks when the lock line is in the logs and a rollout is in progress; dry-run only reports. */
    private record ToyRemediator(EcsClient ecs, CloudWatchLogsClient logs, Instant since, boolean dryRun)
            implements FunctionInvoker {
        @Override
        public String invoke(String id, byte[] event) {
            Service s = ecs.describeServices(b -> b.cluster(Scenarios.CLUSTER).services(Scenarios.PROMETHEUS))
                    .services().get(0);
            List<Deployment> ds = s.deployments();
            if (ds.size() < 2) {
                return "{\"action\":\"none\"}";
            }
            boolean lock = !logs.filterLogEvents(b -> b.logGroupName(Scenarios.PROMETHEUS_LOG_GROUP)
                    .filterPattern("\"lock DB directory: resource temporarily unavailable\"")
                    .startTime(since.toEpochMilli())).events().isEmpty();
            if (!lock) {
                return "{\"action\":\"none\"}";
            }
            StringBuilder planned = new StringBuilder();
            for (Deployment old : ds.subList(1, ds.size())) {
                for (String arn : ecs.listTasks(b -> b.cluster(Scenarios.CLUSTER).serviceName(Scenarios.PROMETHEUS)
                        .startedBy(old.id())).taskArns()) {
                    planned.append(arn).append(' ');
                    if (!dryRun) {
                        ecs.stopTask(b -> b.cluster(Scenarios.CLUSTER).task(arn).reason("stale EFS lock holder"));
                    }
                }
            }
            return "{\"action\":\"" + (dryRun ? "plan" : "stop") + "\",\"tasks\":\"" + planned.toString().trim() + "\"}";
        }
    }

    private static RunResult runWithToy(Scenario scenario, boolean dryRun, RunnerOptions options) {
        EcsWorld world = scenario.newWorld();
        try (Simulator sim = Simulator.start(world)) {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
            try (EcsClient ecs = EcsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
                 CloudWatchLogsClient logs = CloudWatchLogsClient.builder().endpointOverride(sim.endpoint())
                         .region(Region.US_EAST_1).credentialsProvider(credentials)
                         .httpClient(UrlConnectionHttpClient.create()).build()) {
                return new ScenarioRunner(options).run(scenario, world, ECS_EVENTS,
                        new ToyRemediator(ecs, logs, world.now(), dryRun));
            }
        }
    }

    @Test
    void remediatorResolvesTheIncident() {
        Scenario s = Scenarios.prometheusEfsLock();
        RunResult r = runWithToy(s, false, RunnerOptions.defaults());
        Verdict v = s.check(r);
        assertTrue(v.passed(), v.explanation());
        assertEquals("RESOLVED", v.outcome());
        assertEquals(1, r.summary().stoppedBy(FN).size());
        assertEquals("stale EFS lock holder", r.summary().stoppedBy(FN).get(0).reason());
        assertTrue(r.summary().settledAfter().compareTo(Duration.ofMinutes(5)) < 0, r.summary().describe());
        assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.API_CALL
                && e.subject().equals(FN) && e.text().startsWith("StopTask")));
        assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.SCRIPT));
        assertTrue(r.timeline().stream().anyMatch(e -> e.kind() == TimelineEntry.Kind.STATE
                && e.text().contains("COMPLETED")));
        assertTrue(r.summary().downtime().compareTo(Duration.ofMinutes(2)) < 0, r.summary().describe());
        assertTrue(r.summary().downtime().toSeconds() > 0, "the lock holder is the only serving task");
    }

    @Test
    void remediatorInDryRunOnlyReports() {
        Scenario s = Scenarios.dryRun();
        RunResult r = runWithToy(s, true, RunnerOptions.defaults().withLimit(Duration.ofMinutes(2)));
        Verdict v = s.check(r);
        assertTrue(v.passed(), v.explanation());
        assertTrue(r.invocations().stream().anyMatch(i -> i.text().contains("\"plan\"")));
        assertTrue(r.callsByFunctions().stream().noneMatch(c -> c.operation().equals("StopTask")));
        assertFalse(r.callsByFunctions().isEmpty());
    }

    @Test
    void healthyRolloutNeedsNoAction() {
        Scenario s = Scenarios.healthyRollout();
        EcsWorld world = s.newWorld();
        RunResult r = new ScenarioRunner().run(s, world, ECS_EVENTS, (id, e) -> "{\"action\":\"none\"}");
        assertTrue(s.check(r).passed());
        assertTrue(r.summary().invocations() > 0);
        assertTrue(r.callsByFunctions().isEmpty());
    }

    @Test
    void schedulesFireScheduledEvents() {
        Scenario s = Scenarios.healthyRollout();
        RunResult r = new ScenarioRunner(RunnerOptions.defaults().withSchedules(Map.of("Reconciler",
                Duration.ofMinutes(1))).withLimit(Duration.ofMinutes(5)))
                .run(s, s.newWorld(), e -> List.of(), (id, e) -> {
                    JsonNode event = Json.read(new String(e, java.nio.charset.StandardCharsets.UTF_8));
                    assertEquals("Scheduled Event", event.path("detail-type").asText());
                    assertEquals("aws.events", event.path("source").asText());
                    assertTrue(event.path("detail").isObject() && event.path("detail").isEmpty());
                    return "{\"id\":\"" + id + "\"}";
                });
        assertTrue(r.invocations().size() >= 2);
        assertTrue(r.invocations().stream().allMatch(i -> i.subject().equals("Reconciler")));
    }

    @Test
    void failedInvocationsAreRetriedTwiceLikeAsyncLambda() {
        Scenario s = Scenarios.healthyRollout();
        int[] attempts = {0};
        RunResult r = new ScenarioRunner(RunnerOptions.defaults().withLimit(Duration.ofMinutes(6)))
                .run(s, s.newWorld(), e -> Json.read(e).path("detail").path("eventName").asText()
                        .equals("SERVICE_DEPLOYMENT_IN_PROGRESS") ? List.of("Flaky") : List.of(), (id, e) -> {
                    attempts[0]++;
                    throw new IllegalStateException("boom");
                });
        assertEquals(3, attempts[0]);
        assertTrue(r.invocations().stream().allMatch(i -> i.text().contains("boom")));
    }

    @Test
    void baselinesCompareDoNothingWithRecreate() {
        Map<String, RunResult> b = new ScenarioRunner().baselines(Scenarios.prometheusEfsLock());
        assertEquals("FAILED", Scenarios.outcome(b.get("do-nothing")));
        assertEquals("RESOLVED", Scenarios.outcome(b.get("recreate")));
        assertTrue(b.get("recreate").summary().downtime().toSeconds() >= 60);
    }
}
