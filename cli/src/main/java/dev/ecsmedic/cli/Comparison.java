package dev.ecsmedic.cli;

import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunSummary;
import dev.ecsmedic.testkit.Scenario;
import java.util.Map;

/**
 * The words of {@code simulate}'s outcome block: what a run is measured on, how one run ended, what each baseline
 * is, and the comparison with the baselines that says the most.
 */
final class Comparison {

    /** What each baseline is, in one line. */
    static final Map<String, String> MEANINGS = Map.of(
            Simulation.DO_NOTHING, "no ecs-medic: the deployment is left to ECS and its circuit breaker; a person"
                    + " steps in when it does not complete",
            Simulation.RECREATE, "no ecs-medic, minimumHealthyPercent 0 set beforehand: ECS stops the old task"
                    + " without waiting for the new one");

    private Comparison() {}

    /** What the run is judged on: the script's deployment, the one ecs-medic forces, or ecs-medic's answers. */
    static String measuredOn(Simulation.Outcome outcome) {
        String script = String.join("; ", outcome.scenario().script().stream()
                .map(Scenario.ScriptStep::description).toList());
        if (Simulation.deploys(outcome.run(), Scenario.operator())) {
            return "the deployment the script starts (" + script + ")";
        }
        if (Simulation.deploys(outcome.run(), null)) {
            return "the deployment ecs-medic forces; the script starts none (" + script + ")";
        }
        return "ecs-medic's reports and writes; no deployment starts (" + script + ")";
    }

    /** How one run ended: its deployment, if one started, the downtime and the functions' writes. */
    static String line(RunResult run) {
        RunSummary s = run.summary();
        String deployment = !Simulation.deploys(run, null) ? "no deployment"
                : "deployment " + s.finalRolloutState()
                + (s.settledAfter() == null ? " at the end of the window" : " after " + s.settledAfter().toSeconds() + " s")
                + (s.completed() ? "" : " (not shipped)");
        return deployment + ", downtime " + s.downtime().toSeconds() + " s, writes by functions "
                + s.functionWrites().size();
    }

    /** The comparison that says the most about the run, or null when the scenario offers none. */
    static String strongest(Simulation.Outcome outcome) {
        RunSummary with = outcome.run().summary();
        RunResult nothing = outcome.baselines().get(Simulation.DO_NOTHING);
        RunResult recreate = outcome.baselines().get(Simulation.RECREATE);
        if (nothing != null && with.completed() && !nothing.summary().completed()) {
            RunSummary none = nothing.summary();
            String without = !Simulation.deploys(nothing, null) ? "no deployment starts"
                    : "the deployment ends " + none.finalRolloutState() + (none.settledAfter() == null ? ""
                    : " after " + none.settledAfter().toSeconds() + " s") + " and the change does not ship";
            return "without ecs-medic " + without + "; with ecs-medic the deployment COMPLETED after "
                    + with.settledAfter().toSeconds() + " s";
        }
        long forced = with.functionWrites().stream().filter(c -> c.operation().equals("UpdateService")).count();
        if (nothing != null && forced > 0) {
            return "ecs-medic forced " + forced + " deployment(s) that nobody starts without it, so no task keeps"
                    + " running as it was started before the service changed";
        }
        if (recreate != null && recreate.summary().downtime().compareTo(with.downtime()) > 0
                && (with.completed() || !recreate.summary().completed())) {
            long down = recreate.summary().downtime().toSeconds();
            boolean whole = recreate.summary().downtime().compareTo(outcome.scenario().limit()) >= 0;
            return "recreate leaves the service down " + down + " s" + (whole ? " (the whole window)" : "")
                    + ", ecs-medic " + with.downtime().toSeconds() + " s";
        }
        if (with.functionWrites().isEmpty()) {
            return "ecs-medic changed nothing" + (nothing == null ? "" : ", as doing nothing would");
        }
        return null;
    }
}
