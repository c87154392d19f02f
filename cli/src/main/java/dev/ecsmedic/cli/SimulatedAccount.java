package dev.ecsmedic.cli;

import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * A scenario's world played to {@code SCENARIO@SECONDS} (whole seconds after its t0, default 0), with nobody reacting
 * or with template.yaml's functions reacting, served on 127.0.0.1, so {@code invoke}, {@code plan} and
 * {@code exec-check} can be tried without an AWS account. The first SECONDS are played however the scenario goes
 * (unpaced, but as a paced run, not ending early when its deployment settles), the second at t0 + SECONDS included.
 */
public record SimulatedAccount(Scenario scenario, EcsWorld world, Simulator simulator, boolean functionsReacted)
        implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final Map<String, String> CREDENTIALS = Map.of("AWS_ACCESS_KEY_ID", "simulator",
            "AWS_SECRET_ACCESS_KEY", "simulator", "AWS_SESSION_TOKEN", "");
    static final AwsCredentialsProvider SDK_CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("simulator", "simulator"));

    public static SimulatedAccount start(String spec) {
        return start(spec, Optional.empty(), Map.of());
    }

    /** With {@code reactingTemplate}, that template's functions answer the world's events while it is played. */
    static SimulatedAccount start(String spec, Optional<Path> reactingTemplate, Map<String, String> overrides) {
        String[] at = spec.split("@", 2);
        Duration after = Duration.ofSeconds(at.length > 1 ? seconds(at[1]) : 0);
        Scenario scenario = Scenarios.byName(at[0]);
        EcsWorld world = scenario.newWorld();
        ScenarioRunner.Pacer unpaced = (now, timeline) -> true;
        Simulator simulator = Simulator.start(world);
        try {
            RunnerOptions options = RunnerOptions.defaults().withLimit(after);
            if (reactingTemplate.isPresent()) {
                LocalFunctions functions = Simulation.functions(scenario, reactingTemplate.get(), overrides,
                        simulator, line -> { });
                new ScenarioRunner(options.withSchedules(functions.schedules()), unpaced)
                        .run(scenario, world, functions.routes(), functions);
            } else {
                new ScenarioRunner(options, unpaced)
                        .run(scenario, world, eventJson -> List.of(), (id, event) -> "{}");
            }
        } catch (RuntimeException e) {
            simulator.close();
            throw e;
        }
        return new SimulatedAccount(scenario, world, simulator, reactingTemplate.isPresent());
    }

    /** The SECONDS of {@code SCENARIO@SECONDS}: whole seconds, 0 or more, digits only. */
    static long seconds(String text) {
        if (text.matches("[0-9]{1,9}")) {
            return Long.parseLong(text);
        }
        throw new IllegalArgumentException("--simulate SCENARIO@SECONDS: SECONDS is whole seconds after the "
                + "scenario's t0, 0 to 999999999 (e.g. prometheus-efs-lock@60), not '" + text + "'");
    }

    /** Template parameters naming the scenario's service, for those the user did not give. */
    public Map<String, String> parameterDefaults() {
        return Map.of("ClusterName", scenario.cluster(), "WatchedServices", scenario.service(),
                "LogGroupNames", Scenarios.PROMETHEUS_LOG_GROUP);
    }

    String describe() {
        return "simulator: scenario " + scenario.name() + " at " + world.now()
                + (functionsReacted ? " (template functions reacting)" : "") + ", endpoint " + simulator.endpoint();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
