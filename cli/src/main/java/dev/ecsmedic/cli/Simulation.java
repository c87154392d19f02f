package dev.ecsmedic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.aws.Timeouts;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FaultInjector;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.Verdict;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a scenario with template.yaml's real functions reacting through its real rules, against the simulator,
 * and the same scenario's baselines (nobody acts; minimumHealthyPercent 0) for comparison.
 */
public final class Simulation {

    /**
     * The outcome of one scenario: the run with the functions, its verdict, the baselines by name, the functions'
     * log lines, and the faults injected into their calls.
     */
    public record Outcome(Scenario scenario, RunResult run, Verdict verdict, Map<String, RunResult> baselines,
                          List<String> logs, List<FaultInjector.Injected> faults) {}

    private Simulation() {}

    /** The deployment parameters a scenario runs with: its cluster and service, acting, then its own parameters. */
    public static Map<String, String> parameters(Scenario scenario) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("ClusterName", scenario.cluster());
        parameters.put("WatchedServices", scenario.service());
        parameters.put("LogGroupNames", Scenarios.PROMETHEUS_LOG_GROUP);
        parameters.put("DryRun", "false");
        parameters.putAll(scenario.deployment().parameters());
        return parameters;
    }

    /**
     * Creates in the simulated account what a deployment of {@code template} creates there and the functions call:
     * its DynamoDB tables (the claims table), by the name and partition key the template gives them. Functions
     * deployed again into the same account find their tables there.
     */
    public static SamTemplate provision(SamTemplate template, EcsWorld world) {
        template.resourcesOfType("AWS::DynamoDB::Table").forEach((id, table) -> {
            JsonNode properties = table.path("Properties");
            String key = "";
            for (JsonNode element : properties.path("KeySchema")) {
                if (element.path("KeyType").asText().equals("HASH")) {
                    key = element.path("AttributeName").asText();
                }
            }
            if (!properties.path("TableName").isTextual() || key.isEmpty()) {
                throw new IllegalStateException(id + ": a table needs a TableName and a HASH key to be simulated");
            }
            if (!world.hasTable(properties.get("TableName").textValue())) {
                world.createTable(properties.get("TableName").textValue(), key);
            }
        });
        return template;
    }

    /** The template's functions, configured for the scenario, talking to the simulator on its virtual clock. */
    public static LocalFunctions functions(Scenario scenario, Path template, Map<String, String> parameterOverrides,
                                           Simulator simulator, java.util.function.Consumer<String> log) {
        return functions(scenario, template, parameterOverrides, AwsClients.local(simulator.endpoint()), simulator,
                log);
    }

    static LocalFunctions functions(Scenario scenario, Path template, Map<String, String> parameterOverrides,
                                    AwsClients clients, Simulator simulator, java.util.function.Consumer<String> log) {
        Map<String, String> parameters = parameters(scenario);
        parameters.putAll(parameterOverrides);
        return LocalFunctions.wire(provision(SamTemplate.load(template, parameters), simulator.world()), clients,
                simulator.clock(), log)
                .enabledOnly(scenario.deployment().onlyFunctions());
    }

    /**
     * The clients the functions use against the simulator: Lambda's timeouts, or with faults the same timeouts
     * scaled down so that a slow answer (the injector's, in milliseconds) outlasts an attempt as it would in AWS.
     */
    public static AwsClients clients(Simulator simulator, RunnerOptions options) {
        return clients(simulator, options, List.of());
    }

    /** The same with guards that see every call first. */
    public static AwsClients clients(Simulator simulator, RunnerOptions options,
                                     List<software.amazon.awssdk.core.interceptor.ExecutionInterceptor> guards) {
        return AwsClients.local(simulator.endpoint(), options.faults() == null ? Timeouts.LAMBDA
                : Timeouts.LAMBDA.scaledTo(options.faults().slow().dividedBy(2)), guards);
    }

    public static Outcome run(Scenario scenario, Path template, Map<String, String> parameterOverrides,
                              RunnerOptions options, boolean withBaselines) {
        EcsWorld world = scenario.newWorld();
        List<String> logs = new java.util.ArrayList<>();
        RunResult run;
        try (Simulator simulator = Simulator.start(world)) {
            LocalFunctions functions = functions(scenario, template, parameterOverrides, clients(simulator, options),
                    simulator, logs::add);
            run = new ScenarioRunner(options.withSchedules(functions.schedules()))
                    .run(scenario, world, functions.routes(), functions);
        }
        Map<String, RunResult> baselines = withBaselines
                ? new ScenarioRunner(options).baselines(scenario)
                : Map.of();
        return new Outcome(scenario, run, scenario.check(run), baselines, logs, world.faults().injected());
    }
}
