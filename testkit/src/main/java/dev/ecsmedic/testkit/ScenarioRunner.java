package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Plays a scenario under the virtual clock: runs its script, hands the world's events to the functions the routes
 * name (late, and if asked duplicated or out of order, as EventBridge may), fires scheduled rules, and records a
 * timeline and a summary. Invocations run one at a time, so a run is deterministic.
 */
public final class ScenarioRunner {
    private static final Set<String> WRITES = Set.of("StopTask", "UpdateService", "TagResource", "UntagResource");

    /** One delivery of an event; a retry names its function and keeps its first attempt's request id. */
    private record Delivery(Instant at, long seq, String detailType, String json, String retryOf, int attempt,
                            String requestId) {
        Delivery(Instant at, long seq, String detailType, String json) {
            this(at, seq, detailType, json, null, 1, null);
        }

        /** Lambda's request id for this delivery to {@code function}: new for an event, kept by its retries. */
        String requestId(String function) {
            return requestId != null ? requestId
                    : UUID.nameUUIDFromBytes((seq + "/" + function).getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    /**
     * Paces a run against real time, for a world served to outside clients: called before every step with the
     * timeline so far; returns false to end the run. A paced run does not end when the deployment settles.
     */
    @FunctionalInterface
    public interface Pacer {
        boolean beforeStep(Instant now, List<TimelineEntry> timelineSoFar);
    }

    private final RunnerOptions options;
    private final Pacer pacer;

    public ScenarioRunner(RunnerOptions options) {
        this(options, null);
    }

    public ScenarioRunner(RunnerOptions options, Pacer pacer) {
        this.options = options;
        this.pacer = pacer;
    }

    public ScenarioRunner() {
        this(RunnerOptions.defaults());
    }

    /** The baseline: the scenario with nobody reacting to events. */
    public RunResult runWithoutFunctions(Scenario scenario) {
        return run(scenario, scenario.newWorld(), event -> List.of(), (id, event) -> "{}");
    }

    public RunResult run(Scenario scenario, EcsWorld world, EventRoutes routes, FunctionInvoker invoker) {
        Random random = new Random(options.seed());
        if (options.faults() != null) {
            world.inject(new FaultInjector(options.faults()));
        }
        List<RunResult.FailedEvent> failedEvents = new ArrayList<>();
        int delivered = 0;
        int reported = 0;
        Instant t0 = world.now();
        Duration limit = options.limit() != null ? options.limit() : scenario.limit();
        Instant end = t0.plus(limit);
        List<TimelineEntry> timeline = new ArrayList<>();
        PriorityQueue<Delivery> queue = new PriorityQueue<>(
                Comparator.comparing(Delivery::at).thenComparingLong(Delivery::seq));
        long[] seq = {0};
        Map<String, Instant> nextSchedule = new TreeMap<>();
        options.schedules().forEach((id, period) -> nextSchedule.put(id, t0.plus(period)));
        Set<String> functionIds = new LinkedHashSet<>(options.schedules().keySet());
        List<Scenario.ScriptStep> script = new ArrayList<>(scenario.script());
        script.sort(Comparator.comparing(Scenario.ScriptStep::at));
        int scriptIndex = 0;
        Duration downtime = Duration.ZERO;
        int invocations = 0;
        String state = "IN_PROGRESS";
        Instant stateSince = t0;

        Instant lastRetry = end.plus(Duration.ofMinutes(1 + 2 + 1));
        while (!world.now().isAfter(end) || (pacer == null && retrying(queue) && world.now().isBefore(lastRetry))) {
            Instant now = world.now();
            if (pacer != null && !pacer.beforeStep(now, java.util.Collections.unmodifiableList(timeline))) {
                break;
            }
            while (scriptIndex < script.size() && !t0.plus(script.get(scriptIndex).at()).isAfter(now)) {
                Scenario.ScriptStep step = script.get(scriptIndex++);
                timeline.add(new TimelineEntry(now, TimelineEntry.Kind.SCRIPT, Scenario.operator(), step.description()));
                step.action().accept(world);
            }
            collect(world, timeline, queue, seq, random);
            for (Map.Entry<String, Instant> schedule : nextSchedule.entrySet()) {
                if (!schedule.getValue().isAfter(now)) {
                    queue.add(new Delivery(now, seq[0]++, "Scheduled Event", scheduledEvent(world, schedule.getKey())));
                    schedule.setValue(now.plus(options.schedules().get(schedule.getKey())));
                }
            }
            while (!queue.isEmpty() && !queue.peek().at().isAfter(now)) {
                Delivery d = queue.poll();
                timeline.add(new TimelineEntry(now, TimelineEntry.Kind.EVENT, d.detailType(), brief(d.json())));
                List<String> targets = d.retryOf() != null ? List.of(d.retryOf())
                        : d.detailType().equals("Scheduled Event") ? List.of(scheduledTarget(d.json()))
                        : routes.functionsFor(d.json());
                for (String id : targets) {
                    functionIds.add(id);
                    invocations++;
                    delivered += d.retryOf() == null ? 1 : 0;
                    int before = world.apiCalls().size();
                    String result;
                    String requestId = d.requestId(id);
                    world.actingAs(id);
                    try {
                        result = invoker.invoke(id, d.json().getBytes(StandardCharsets.UTF_8), requestId);
                        reported++;
                    } catch (Exception e) {
                        result = Json.write(Json.obj().put("errorType", e.getClass().getName())
                                .put("errorMessage", String.valueOf(e.getMessage())).put("attempt", d.attempt()));
                        if (d.attempt() <= options.asyncRetries()) {
                            queue.add(new Delivery(now.plus(Duration.ofMinutes(d.attempt())), seq[0]++,
                                    d.detailType(), d.json(), id, d.attempt() + 1, requestId));
                        } else {
                            failedEvents.add(new RunResult.FailedEvent(id, d.detailType(), d.json(),
                                    e.getClass().getName() + ": " + e.getMessage(), d.attempt()));
                            timeline.add(new TimelineEntry(now, TimelineEntry.Kind.STATE, id,
                                    "event sent to the failed-events queue after " + d.attempt() + " attempts"));
                        }
                    } finally {
                        world.actingAs("sdk-client");
                    }
                    timeline.add(new TimelineEntry(now, TimelineEntry.Kind.INVOCATION, id, result));
                    List<EcsWorld.ApiCall> calls = world.apiCalls();
                    for (EcsWorld.ApiCall call : calls.subList(before, calls.size())) {
                        if (WRITES.contains(call.operation())) {
                            timeline.add(new TimelineEntry(now, TimelineEntry.Kind.API_CALL, id, call.operation() + " "
                                    + call.request() + (call.errorType() == null ? "" : " -> " + call.errorType())));
                        }
                    }
                    collect(world, timeline, queue, seq, random);
                }
            }
            if (!world.serving(scenario.cluster(), scenario.service())) {
                downtime = downtime.plus(options.step());
            }
            String current = rolloutOutcome(world, scenario, t0);
            if (!current.equals(state)) {
                state = current;
                stateSince = now;
            }
            boolean settled = !state.equals("IN_PROGRESS") && !inProgress(world, scenario) && !retrying(queue);
            if (pacer == null && settled && queue.isEmpty() && Duration.between(stateSince, now).compareTo(Duration.ofSeconds(60)) >= 0) {
                break;
            }
            world.advance(options.step());
        }
        collect(world, timeline, queue, seq, random);
        List<EcsWorld.ApiCall> calls = world.apiCalls();
        List<String> ids = List.copyOf(functionIds);
        List<EcsWorld.ApiCall> writes = calls.stream()
                .filter(c -> ids.contains(c.caller()) && WRITES.contains(c.operation()) && c.errorType() == null).toList();
        int forced = (int) calls.stream().filter(c -> c.operation().equals("UpdateService") && c.errorType() == null
                && Json.read(c.request()).path("forceNewDeployment").asBoolean(false)).count();
        RunSummary summary = new RunSummary(scenario.name(), state,
                state.equals("IN_PROGRESS") ? null : Duration.between(t0, stateSince), downtime, world.taskStops(),
                forced, invocations, writes);
        int pending = (int) queue.stream().filter(d -> d.retryOf() != null).count();
        return new RunResult(summary, timeline, calls, ids, failedEvents,
                new RunResult.Endings(delivered, reported, failedEvents.size(), pending));
    }

    /** The two baselines a remediation is compared with: nobody acts, and minimumHealthyPercent 0 (recreate). */
    public Map<String, RunResult> baselines(Scenario scenario) {
        Map<String, RunResult> out = new java.util.LinkedHashMap<>();
        out.put("do-nothing", runWithoutFunctions(scenario));
        out.put("recreate", runWithoutFunctions(scenario.recreate()));
        return out;
    }

    private static boolean inProgress(EcsWorld world, Scenario scenario) {
        return world.deployments(scenario.cluster(), scenario.service()).stream()
                .anyMatch(d -> d.status().equals("PRIMARY") && d.rolloutState().equals("IN_PROGRESS"));
    }

    /**
     * COMPLETED when a deployment started after t0 completed, ROLLED_BACK when a rollback completed, FAILED when
     * one failed and nothing completed since, else IN_PROGRESS.
     */
    static String rolloutOutcome(EcsWorld world, Scenario scenario, Instant t0) {
        List<EcsWorld.DeploymentView> deployments = world.deployments(scenario.cluster(), scenario.service());
        EcsWorld.DeploymentView primary = deployments.stream().filter(d -> d.status().equals("PRIMARY"))
                .findFirst().orElse(null);
        if (primary != null && primary.rolloutState().equals("COMPLETED") && !primary.createdAt().isBefore(t0)) {
            return primary.rollback() ? "ROLLED_BACK" : "COMPLETED";
        }
        boolean failed = deployments.stream()
                .anyMatch(d -> !d.createdAt().isBefore(t0) && d.rolloutState().equals("FAILED"));
        return failed ? "FAILED" : "IN_PROGRESS";
    }

    private static boolean retrying(PriorityQueue<Delivery> queue) {
        return queue.stream().anyMatch(d -> d.retryOf() != null);
    }

    private void collect(EcsWorld world, List<TimelineEntry> timeline, PriorityQueue<Delivery> queue, long[] seq,
                         Random random) {
        for (EcsWorld.StateChange c : world.drainStateChanges()) {
            timeline.add(new TimelineEntry(c.at(), TimelineEntry.Kind.STATE, c.subject(), c.change()));
        }
        for (EcsWorld.WorldEvent e : world.drainEvents()) {
            queue.add(new Delivery(e.at().plus(options.deliveryDelay()).plus(jitter(random)), seq[0]++, e.detailType(),
                    e.json()));
            if (options.duplicateProbability() > 0 && random.nextDouble() < options.duplicateProbability()) {
                queue.add(new Delivery(e.at().plus(options.deliveryDelay()).plus(jitter(random)), seq[0]++,
                        e.detailType(), e.json()));
            }
        }
    }

    private Duration jitter(Random random) {
        long max = options.reorderJitter().toMillis();
        return max <= 0 ? Duration.ZERO : Duration.ofMillis((long) (random.nextDouble() * max));
    }

    private static String scheduledEvent(EcsWorld world, String functionId) {
        ObjectNode e = Wire.envelope(world.newEventId(), "Scheduled Event", "aws.events", world.now(),
                List.of("arn:aws:events:" + Model.REGION + ":" + Model.ACCOUNT + ":rule/" + functionId + "-schedule"),
                Json.obj());
        return Json.write(e);
    }

    private static String scheduledTarget(String json) {
        String rule = Json.read(json).path("resources").path(0).asText();
        String name = rule.substring(rule.lastIndexOf('/') + 1);
        return name.substring(0, name.length() - "-schedule".length());
    }

    private static String brief(String json) {
        JsonNode e = Json.read(json);
        JsonNode d = e.path("detail");
        return switch (e.path("detail-type").asText()) {
            case "ECS Task State Change" -> "task " + d.path("taskArn").asText().replaceAll(".*/", "").substring(0, 8)
                    + " " + d.path("lastStatus").asText() + "/" + d.path("desiredStatus").asText()
                    + " v" + d.path("version").asInt() + (d.has("stopCode") ? " " + d.path("stopCode").asText() : "");
            case "ECS Deployment State Change" -> d.path("eventName").asText() + " " + d.path("deploymentId").asText()
                    + ": " + d.path("reason").asText();
            case "ECS Service Action" -> d.path("eventName").asText() + " " + e.path("resources").path(0).asText();
            case "AWS API Call via CloudTrail" -> d.path("eventName").asText() + " by "
                    + d.path("userIdentity").path("arn").asText();
            default -> e.path("detail-type").asText();
        };
    }
}
