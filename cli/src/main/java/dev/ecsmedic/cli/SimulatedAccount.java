package dev.ecsmedic.cli;

import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scenario's world played to {@code SCENARIO@SECONDS} with nobody reacting, served on 127.0.0.1, so
 * {@code invoke} and {@code plan} can be tried without an AWS account.
 */
record SimulatedAccount(Scenario scenario, EcsWorld world, Simulator simulator) implements AutoCloseable {

    static final String REGION = "us-east-1";
    static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "simulator",
            "AWS_SECRET_ACCESS_KEY", "simulator", "AWS_SESSION_TOKEN", "");

    static SimulatedAccount start(String spec) {
        String[] at = spec.split("@", 2);
        Scenario scenario = Scenarios.byName(at[0]);
        Duration after = Duration.ofSeconds(at.length > 1 ? Long.parseLong(at[1]) : 0);
        EcsWorld world = scenario.newWorld();
        new ScenarioRunner(RunnerOptions.defaults().withLimit(after))
                .run(scenario, world, eventJson -> List.of(), (id, event) -> "{}");
        return new SimulatedAccount(scenario, world, Simulator.start(world));
    }

    /** Template parameters naming the scenario's service, for those the user did not give. */
    Map<String, String> parameterDefaults() {
        return Map.of("ClusterName", scenario.cluster(), "WatchedServices", scenario.service(),
                "LogGroupNames", Scenarios.PROMETHEUS_LOG_GROUP);
    }

    String describe() {
        return "simulator: scenario " + scenario.name() + " at " + world.now() + ", endpoint " + simulator.endpoint();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
