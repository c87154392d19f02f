package dev.ecsmedic.cli;

import dev.ecsmedic.cli.runtime.LocalFunctions;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.EventRoutes;
import dev.ecsmedic.testkit.FunctionInvoker;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.ScenarioRunner;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.Simulator;
import dev.ecsmedic.testkit.TimelineEntry;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ecs-medic simulator}: serves a scenario's world as a standalone AWS endpoint for any client (the AWS CLI
 * with --endpoint-url, other SDKs, the functions in another process), its clock running at a chosen speed.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true,
        description = "Serve a scenario's world on 127.0.0.1 as an ECS, CloudWatch Logs and CloudWatch endpoint.")
final class SimulatorCommand implements Callable<Integer> {

    private static final Duration STEP = Duration.ofSeconds(1);

    @Option(names = "--scenario", required = true, description = "Scenario whose world to serve (see simulate --list).")
    String scenario;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1; 0 picks a free one (default).")
    int port;

    @Option(names = "--speed", defaultValue = "1",
            description = "Virtual seconds per real second (default 1); 0 holds the clock once --start-at is reached.")
    double speed;

    @Option(names = "--start-at", defaultValue = "0", paramLabel = "SECONDS",
            description = "Play the first SECONDS of the scenario at once, then go on at --speed (default 0).")
    long startAt;

    @Option(names = "--with-functions", description = "Let template.yaml's functions react to the world's events.")
    boolean withFunctions;

    @Option(names = "--template", defaultValue = "template.yaml", description = "SAM template (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--quiet", description = "Print only the endpoint URL, not the timeline.")
    boolean quiet;

    private volatile boolean running = true;

    @Override
    public Integer call() throws InterruptedException {
        if (speed < 0 || startAt < 0) {
            System.err.println("--speed and --start-at must not be negative");
            return 2;
        }
        Scenario chosen = Scenarios.byName(scenario);
        EcsWorld world = chosen.newWorld();
        CountDownLatch finished = new CountDownLatch(1);
        Simulation.provision(SamTemplate.load(template, Simulation.parameters(chosen)), world);
        try (Simulator simulator = serve(world, port)) {
            System.out.println(simulator.endpoint());
            System.out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                running = false;
                try {
                    finished.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            EventRoutes routes = event -> List.of();
            FunctionInvoker invoker = (id, event) -> "{}";
            RunnerOptions options = RunnerOptions.defaults().withLimit(Duration.ofDays(3650));
            if (withFunctions) {
                LocalFunctions functions = Simulation.functions(chosen, template, Map.of(), simulator,
                        line -> { });
                routes = functions.routes();
                invoker = functions;
                options = options.withSchedules(functions.schedules());
            }
            Instant[] t0 = {null};
            int[] printed = {0};
            long stepNanos = speed == 0 ? 0 : (long) (STEP.toNanos() / speed);
            long[] next = {System.nanoTime()};
            new ScenarioRunner(options, (now, timeline) -> {
                if (t0[0] == null) {
                    t0[0] = now;
                }
                for (; printed[0] < timeline.size(); printed[0]++) {
                    if (!quiet) {
                        print(t0[0], timeline.get(printed[0]));
                    }
                }
                if (Duration.between(t0[0], now).toSeconds() < startAt) {
                    next[0] = System.nanoTime();
                    return running;
                }
                try {
                    if (speed == 0) {
                        while (running) {
                            Thread.sleep(100);
                        }
                        return false;
                    }
                    next[0] += stepNanos;
                    long wait = next[0] - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                return running;
            }).run(chosen, world, routes, invoker);
        } finally {
            finished.countDown();
        }
        return 0;
    }

    /** The simulator on {@code port}; a port taken by another process is the user's error, said in one line. */
    private static Simulator serve(EcsWorld world, int port) {
        try {
            return Simulator.start(world, port);
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof BindException) {
                throw new IllegalArgumentException("port " + port + " on 127.0.0.1 is in use; choose another "
                        + "--port, or 0 for a free one");
            }
            throw e;
        }
    }

    private static void print(Instant t0, TimelineEntry entry) {
        String text = entry.text();
        System.out.printf("%7s  %-10s %s: %s%n", "+" + Duration.between(t0, entry.at()).toSeconds() + "s",
                entry.kind().name().toLowerCase(), entry.subject(), text.length() > 300 ? text.substring(0, 300) + "..." : text);
        System.out.flush();
    }
}
