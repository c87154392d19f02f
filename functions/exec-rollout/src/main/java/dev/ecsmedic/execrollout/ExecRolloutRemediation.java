package dev.ecsmedic.execrollout;

import dev.ecsmedic.core.Observation;
import dev.ecsmedic.core.Remediation;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.ExecReadiness;
import dev.ecsmedic.core.policy.ExecRolloutPolicy;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.view.ServiceView;
import java.time.Instant;

/**
 * Exec rollout: reads tasks only when exec is enabled and no rollout is under way, forces a deployment when
 * the policy says so, and checks exec readiness only after a recent rollout or while an agent is not RUNNING.
 */
public final class ExecRolloutRemediation implements Remediation {

    private final ExecFactsReader facts;

    public ExecRolloutRemediation(ExecFactsReader facts) {
        this.facts = facts;
    }

    @Override
    public String name() {
        return "exec-rollout";
    }

    @Override
    public Plan plan(Observation observation, Settings settings, Instant now) {
        ServiceView view = observation.service();
        if (ExecRolloutPolicy.needsTasks(view)) {
            view = observation.withTasks();
        }
        Plan plan = ExecRolloutPolicy.decide(view, settings.execCooldown(), now, observation.execEnabledAt());
        if (plan.decision() == Decision.FORCE_NEW_DEPLOYMENT
                || !ExecRolloutPolicy.readinessDue(view, settings.execCooldown(), now)) {
            return plan;
        }
        return ExecRolloutPolicy.withReadiness(plan, ExecReadiness.check(facts.read(view), now));
    }
}
