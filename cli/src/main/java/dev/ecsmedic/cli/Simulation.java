package dev.ecsmedic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    /** The baseline in which nobody acts: the deployment is left to ECS and its circuit breaker. */
    public static final String DO_NOTHING = "do-nothing";
    /** The baseline in which nobody acts and the service was set to minimumHealthyPercent 0 beforehand. */
    public static final String RECREATE = "recreate";

    private Simulation() {}

    /**
     * Whether a deployment starts in the run: an UpdateService that succeeded and forces a new deployment or
     * deploys a task definition, made by {@code caller} (anyone when null).
     */
    public static boolean deploys(RunResult run, String caller) {
        return run.apiCalls().stream().anyMatch(c -> (caller == null || c.caller().equals(caller))
                && c.operation().equals("UpdateService") && c.errorType() == null && startsDeployment(c.request()));
    }

    private static boolean startsDeployment(String request) {
        try {
            JsonNode body = JSON.readTree(request);
            return body.path("forceNewDeployment").asBoolean(false) || body.hasNonNull("taskDefinition");
        } catch (java.io.IOException e) {
            return false;
        }
    }

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
            if (!world.dynamoDb().exists(properties.get("TableName").textValue())) {
                world.dynamoDb().create(properties.get("TableName").textValue(), key);
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

    /**
     * Runs the scenario with the functions and, when {@code withBaselines}, the baselines that mean something for
     * it: doing nothing when a deployment starts in the run at all, recreate when the script starts one (recreate
     * is a deployment setting, so it changes nothing where only ecs-medic deploys or nobody does).
     */
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
        Map<String, RunResult> baselines = new LinkedHashMap<>();
        if (withBaselines && deploys(run, null)) {
            ScenarioRunner runner = new ScenarioRunner(options);
            baselines.put(DO_NOTHING, runner.runWithoutFunctions(scenario));
            if (deploys(run, Scenario.operator())) {
                baselines.put(RECREATE, runner.runWithoutFunctions(scenario.recreate()));
            }
        }
        return new Outcome(scenario, run, scenario.check(run), baselines, logs, world.faults().injected());
    }
}
