package dev.ecsmedic.execrollout;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.stalelock.StaleLockHandler;
import dev.ecsmedic.template.EventRouter;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.template.ScheduleSpec;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FunctionInvoker;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.TimelineEntry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Both functions as template.yaml deploys them (environment, rules, schedules), running their real handlers
 * with real SDK clients against the simulator on 127.0.0.1, so a scenario plays as it would in an account.
 */
final class DeployedFunctions implements FunctionInvoker, AutoCloseable {

    static final String EXEC = ExecRolloutHandler.FUNCTION;
    static final String STALE_LOCK = StaleLockHandler.FUNCTION;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of("../../template.yaml");
    static final Map<String, String> ACTING = Map.of("DryRun", "false");

    private final Simulator sim;
    private final SamTemplate template;
    private final Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();

    /** Deployed with the template's defaults except the given parameters (the scenarios act: DryRun false). */
    DeployedFunctions(EcsWorld world, Map<String, String> parameters) {
        this.sim = Simulator.start(world);
        Map<String, String> all = new LinkedHashMap<>(Map.of("ClusterName", Scenarios.CLUSTER,
                "WatchedServices", Scenarios.PROMETHEUS + "," + Scenarios.WEB,
                "LogGroupNames", Scenarios.PROMETHEUS_LOG_GROUP));
        all.putAll(parameters);
        this.template = SamTemplate.load(TEMPLATE, all);
        handlers.put(EXEC, new ExecRolloutHandler(ExecRolloutHandler.compose(AwsClients.local(sim.endpoint()))
                .settingsFrom(environment(EXEC)).clock(world.clock()).log(line -> { }).build()));
        handlers.put(STALE_LOCK, new StaleLockHandler(StaleLockHandler.compose(AwsClients.local(sim.endpoint()))
                .settingsFrom(environment(STALE_LOCK)).clock(world.clock()).log(line -> { }).build()));
    }

    static RunResult play(Scenario scenario, RunnerOptions options, EcsWorld world) {
        try (DeployedFunctions functions = new DeployedFunctions(world, ACTING)) {
            return new ScenarioRunner(options.withSchedules(functions.schedules()))
                    .run(scenario, world, new EventRouter(functions.template)::functionsFor, functions);
        }
    }

    Map<String, String> environment(String function) {
        return template.function(function).orElseThrow().environment();
    }

    Map<String, Duration> schedules() {
        Map<String, Duration> periods = new LinkedHashMap<>();
        for (FunctionSpec f : template.functions()) {
            f.schedules().stream().map(ScheduleSpec::period).flatMap(Optional::stream).findFirst()
                    .ifPresent(p -> periods.put(f.logicalId(), p));
        }
        return periods;
    }

    @Override
    public String invoke(String function, byte[] event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handlers.get(function).handleRequest(new ByteArrayInputStream(event), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The reports one function returned, in order; an invocation that threw is skipped. */
    static List<JsonNode> reports(RunResult result, String function) {
        return result.invocations().stream().filter(i -> i.subject().equals(function))
                .map(TimelineEntry::text).map(DeployedFunctions::json)
                .filter(r -> r.has("decision")).toList();
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sim.close();
    }
}
