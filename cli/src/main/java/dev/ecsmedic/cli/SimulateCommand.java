package dev.ecsmedic.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsmedic.testkit.FaultInjector;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunSummary;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.Scenarios;
import dev.ecsmedic.testkit.TimelineEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ecs-medic simulate}: plays a scenario with the real functions in the simulator and says how it ended. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a scenario against the simulator with template.yaml's functions reacting to its events.")
final class SimulateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SCENARIO", description = "Scenario to run (see --list).")
    String scenario;

    @Option(names = "--list", description = "List the scenarios and exit.")
    boolean list;

    @Option(names = "--json", description = "One JSON object per timeline entry, then a summary object.")
    boolean json;

    @Option(names = "--template", defaultValue = "template.yaml", description = "SAM template (default: ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--no-baselines", description = "Skip the do-nothing and recreate baselines (run by default"
            + " where they mean something, for comparison).")
    boolean noBaselines;

    @Option(names = "--seed", description = "Duplicate and reorder deliveries with this seed (chaos off when absent).")
    Long seed;

    @Option(names = "--faults", paramLabel = "RATE", description = "Fail this share of the functions' ECS, "
            + "CloudWatch Logs and CloudWatch calls (throttling, 500, 503, slow answers, closed connections) and make ECS "
            + "eventually consistent, seeded by --seed (0 to 1; off when absent).")
    Double faults;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (list || scenario == null) {
            for (Scenario s : Scenarios.all()) {
                out.printf("%-22s %s%n", s.name(), s.description());
            }
            out.flush();
            return list ? 0 : 2;
        }
        Scenario chosen = Scenarios.byName(scenario);
        if (faults != null && (faults < 0 || faults > 1)) {
            spec.commandLine().getErr().println("--faults must be between 0 and 1");
            return 2;
        }
        RunnerOptions options = seed == null ? RunnerOptions.defaults()
                : RunnerOptions.defaults().withChaos(0.5, Duration.ofSeconds(20), seed);
        if (faults != null) {
            options = options.withFaults(FaultInjector.Config.of(faults, seed == null ? options.seed() : seed));
        }
        Simulation.Outcome outcome = Simulation.run(chosen, template, Map.of(), options, !noBaselines);
        if (json) {
            printJson(outcome, out);
        } else {
            printText(outcome, out);
        }
        out.flush();
        return outcome.verdict().passed() ? 0 : 1;
    }

    private static void printText(Simulation.Outcome outcome, PrintWriter out) throws IOException {
        Instant t0 = t0(outcome.run());
        Scenario scenario = outcome.scenario();
        out.println("Scenario " + scenario.name() + ": " + scenario.description());
        out.println("Parameters: " + String.join(" ", Simulation.parameters(scenario).entrySet().stream()
                .map(p -> p.getKey() + "=" + p.getValue()).toList()));
        if (!scenario.deployment().onlyFunctions().isEmpty()) {
            out.println("Functions: only " + String.join(", ", new java.util.TreeSet<>(
                    scenario.deployment().onlyFunctions())) + " (the other functions' rules and schedules are off)");
        }
        out.println();
        for (TimelineEntry e : outcome.run().timeline()) {
            if (e.kind() == TimelineEntry.Kind.INVOCATION) {
                JsonNode report = JSON.readTree(e.text());
                out.printf("%7s  %-10s %s: %s%n", offset(t0, e.at()), "ecs-medic", e.subject(),
                        report.path("decision").asText("?") + " - " + lastReason(report));
            } else {
                out.printf("%7s  %-10s %s: %s%n", offset(t0, e.at()), e.kind().name().toLowerCase(), e.subject(),
                        e.text());
            }
        }
        out.println();
        out.println("Outcome: " + outcome.verdict().outcome() + (outcome.verdict().passed()
                ? " (as expected)" : " (NOT as expected: " + outcome.verdict().explanation() + ")"));
        out.println("  measured on: " + Comparison.measuredOn(outcome));
        out.println("  with ecs-medic: " + Comparison.line(outcome.run()));
        outcome.baselines().forEach((name, run) -> out.println("  " + name + ": " + Comparison.line(run)));
        String strongest = Comparison.strongest(outcome);
        if (strongest != null) {
            out.println("  in short: " + strongest);
        }
        if (!outcome.faults().isEmpty() || !outcome.run().failedEvents().isEmpty()) {
            out.println("  faults injected: " + faultCounts(outcome) + "; events in the failed-events queue: "
                    + outcome.run().failedEvents().size());
        }
        outcome.baselines().keySet().forEach(name -> out.println("  " + name + " = "
                + Comparison.MEANINGS.get(name)));
    }

    private static Map<String, Integer> faultCounts(Simulation.Outcome outcome) {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        outcome.faults().forEach(f -> counts.merge(f.kind().name(), 1, Integer::sum));
        return counts;
    }

    private static void printJson(Simulation.Outcome outcome, PrintWriter out) throws IOException {
        Instant t0 = t0(outcome.run());
        for (TimelineEntry e : outcome.run().timeline()) {
            ObjectNode node = JSON.createObjectNode()
                    .put("type", e.kind().name().toLowerCase())
                    .put("t", Duration.between(t0, e.at()).toSeconds())
                    .put("at", e.at().toString())
                    .put("subject", e.subject());
            if (e.kind() == TimelineEntry.Kind.INVOCATION) {
                node.set("report", JSON.readTree(e.text()));
            } else {
                node.put("text", e.text());
            }
            out.println(JSON.writeValueAsString(node));
        }
        ObjectNode summary = summary(outcome.run())
                .put("type", "summary")
                .put("scenario", outcome.scenario().name())
                .put("outcome", outcome.verdict().outcome())
                .put("passed", outcome.verdict().passed())
                .put("explanation", outcome.verdict().explanation())
                .put("failedEvents", outcome.run().failedEvents().size())
                .put("measuredOn", Comparison.measuredOn(outcome))
                .put("comparison", Comparison.strongest(outcome));
        ObjectNode parameters = summary.putObject("parameters");
        Simulation.parameters(outcome.scenario()).forEach(parameters::put);
        ObjectNode injected = summary.putObject("faults");
        faultCounts(outcome).forEach(injected::put);
        ObjectNode baselines = summary.putObject("baselines");
        outcome.baselines().forEach((name, run) -> baselines.set(name, summary(run)
                .put("meaning", Comparison.MEANINGS.get(name))));
        out.println(JSON.writeValueAsString(summary));
    }

    /** A run's figures; {@code deployment} is NONE when no deployment started in it. */
    private static ObjectNode summary(RunResult run) {
        RunSummary s = run.summary();
        ObjectNode node = JSON.createObjectNode()
                .put("deployment", Simulation.deploys(run, null) ? s.finalRolloutState() : "NONE");
        if (s.settledAfter() == null) {
            node.putNull("settledAfterSeconds");
        } else {
            node.put("settledAfterSeconds", s.settledAfter().toSeconds());
        }
        return node.put("downtimeSeconds", s.downtime().toSeconds())
                .put("forcedDeployments", s.forcedDeployments())
                .put("invocations", s.invocations())
                .put("writesByFunctions", s.functionWrites().size());
    }

    private static Instant t0(RunResult run) {
        return run.timeline().isEmpty() ? Instant.EPOCH : run.timeline().get(0).at();
    }

    private static String offset(Instant t0, Instant at) {
        return "+" + Duration.between(t0, at).toSeconds() + "s";
    }

    private static String lastReason(JsonNode report) {
        JsonNode reasons = report.path("reasons");
        return reasons.size() == 0 ? "" : reasons.get(reasons.size() - 1).asText();
    }
}
