package dev.ecsmedic.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A reproducible situation: how the world looks before t0, what people do after it (the script), how long to
 * watch, and what a good remediation would have achieved. The watched service is {@code cluster}/{@code service}.
 */
public record Scenario(
        String name,
        String description,
        String cluster,
        String service,
        Consumer<EcsWorld> setup,
        List<ScriptStep> script,
        Duration limit,
        Function<RunResult, Verdict> expectation,
        Deployment deployment) {

    public Scenario {
        script = List.copyOf(script);
    }

    public Scenario(String name, String description, String cluster, String service, Consumer<EcsWorld> setup,
                    List<ScriptStep> script, Duration limit, Function<RunResult, Verdict> expectation) {
        this(name, description, cluster, service, setup, script, limit, expectation, Deployment.STANDARD);
    }

    /**
     * How ecs-medic is deployed for the scenario: template parameters beyond the watched cluster and service, and
     * which functions' rules are switched on (empty: all of them, with their schedules).
     */
    public record Deployment(java.util.Map<String, String> parameters, java.util.Set<String> onlyFunctions) {
        public static final Deployment STANDARD = new Deployment(java.util.Map.of(), java.util.Set.of());

        public Deployment {
            parameters = java.util.Map.copyOf(parameters);
            onlyFunctions = java.util.Set.copyOf(onlyFunctions);
        }
    }

    public Scenario withDeployment(Deployment newDeployment) {
        return new Scenario(name, description, cluster, service, setup, script, limit, expectation, newDeployment);
    }

    /** Something a person does {@code at} after t0, through the same API the functions use. */
    public record ScriptStep(Duration at, String description, Consumer<EcsWorld> action) {

        public static ScriptStep forceNewDeployment(Duration at, String cluster, String service) {
            return new ScriptStep(at, "operator forces a new deployment of " + service,
                    w -> w.call(EcsApi.OPERATOR, "ecs", "UpdateService", Json.write(Json.obj().put("cluster", cluster)
                            .put("service", service).put("forceNewDeployment", true))));
        }

        public static ScriptStep deployTaskDefinition(Duration at, String cluster, String service,
                                                      String taskDefinition) {
            return new ScriptStep(at, "operator deploys " + taskDefinition + " to " + service,
                    w -> w.call(EcsApi.OPERATOR, "ecs", "UpdateService", Json.write(Json.obj().put("cluster", cluster)
                            .put("service", service).put("taskDefinition", taskDefinition))));
        }
    }

    /** The name the script uses as the acting person in API calls and CloudTrail records. */
    public static String operator() {
        return EcsApi.OPERATOR;
    }

    /** A fresh world in the state just before t0: set up, settled, with nothing recorded yet. */
    public EcsWorld newWorld() {
        EcsWorld world = EcsWorld.create();
        setup.accept(world);
        world.settle(Duration.ofMinutes(10));
        return world;
    }

    /** A fresh world with every script step played at t0, then {@code after} of simulated time, no function acting. */
    public EcsWorld worldAfter(Duration after) {
        EcsWorld world = newWorld();
        script.forEach(step -> step.action().accept(world));
        world.advance(after);
        return world;
    }

    public Verdict check(RunResult result) {
        return expectation.apply(result);
    }

    /** The same scenario with the watched service set to minimumHealthyPercent 0 beforehand (stop first). */
    public Scenario recreate() {
        return new Scenario(name + "/recreate", description + " Variant: minimumHealthyPercent 0 (recreate).",
                cluster, service, setup.andThen(w -> w.setDeploymentConfiguration(cluster, service, 0, 200)), script,
                limit, expectation, deployment);
    }

    public Scenario withStep(ScriptStep step) {
        List<ScriptStep> steps = new ArrayList<>(script);
        steps.add(step);
        return new Scenario(name, description, cluster, service, setup, steps, limit, expectation, deployment);
    }

    public Scenario withExpectation(Function<RunResult, Verdict> newExpectation) {
        return new Scenario(name, description, cluster, service, setup, script, limit, newExpectation, deployment);
    }
}
