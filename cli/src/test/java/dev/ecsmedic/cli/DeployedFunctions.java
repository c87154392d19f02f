package dev.ecsmedic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FunctionInvoker;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.TimelineEntry;
import dev.ecsmedic.template.SamTemplate;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;


/**
 * template.yaml's functions as deployed (environment, rules, schedules), composed by {@link LocalFunctions} with
 * real SDK clients against the simulator on 127.0.0.1, so a scenario plays as it would in an account.
 */
final class DeployedFunctions implements FunctionInvoker, AutoCloseable {

    static final String EXEC = Functions.EXEC_ROLLOUT.name();
    static final String STALE_LOCK = Functions.STALE_LOCK.name();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMPLATE = Path.of("../template.yaml");
    static final Map<String, String> ACTING = Map.of("DryRun", "false");

    private final Simulator sim;
    private final LocalFunctions functions;

    /** Deployed with the template's defaults except the given parameters (the scenarios act: DryRun false). */
    DeployedFunctions(EcsWorld world, Map<String, String> parameters) {
        this.sim = Simulator.start(world);
        Map<String, String> all = new LinkedHashMap<>(Map.of("ClusterName", Scenarios.CLUSTER,
                "WatchedServices", Scenarios.PROMETHEUS + "," + Scenarios.WEB,
                "LogGroupNames", Scenarios.PROMETHEUS_LOG_GROUP));
        all.putAll(parameters);
        this.functions = LocalFunctions.wire(Simulation.provision(SamTemplate.load(TEMPLATE, all), world),
                AwsClients.local(sim.endpoint()),
                world.clock(), line -> { }).enabledOnly(Set.of(EXEC, STALE_LOCK));
    }

    static RunResult play(Scenario scenario, RunnerOptions options, EcsWorld world) {
        try (DeployedFunctions deployed = new DeployedFunctions(world, ACTING)) {
            return new ScenarioRunner(options.withSchedules(deployed.functions.schedules()))
                    .run(scenario, world, deployed.functions.routes(), deployed);
        }
    }

    @Override
    public String invoke(String function, byte[] event) throws Exception {
        return functions.invoke(function, event);
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
