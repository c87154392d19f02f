package dev.ecsmedic.core.function;

import dev.ecsmedic.core.function.FunctionDefinition.Source;
import dev.ecsmedic.core.policy.Remediation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Every function ecs-medic deploys, as template.yaml names them. */
public final class Functions {

    public static final FunctionDefinition STALE_LOCK = new FunctionDefinition("StaleLockRemediatorFunction",
            "dev.ecsmedic.stalelock.StaleLockHandler::handleRequest", List.of(Remediation.STALE_LOCK),
            Set.of(Source.ECS_EVENTS, Source.SCHEDULE));

    public static final FunctionDefinition EXEC_ROLLOUT = new FunctionDefinition("ExecRolloutFunction",
            "dev.ecsmedic.execrollout.ExecRolloutHandler::handleRequest", List.of(Remediation.EXEC_ROLLOUT),
            Set.of(Source.ECS_EVENTS, Source.SCHEDULE, Source.CLOUDTRAIL));

    public static final FunctionDefinition ALARM = new FunctionDefinition("AlarmRemediatorFunction",
            "dev.ecsmedic.alarm.AlarmHandler::handleRequest", List.of(Remediation.STALE_LOCK),
            Set.of(Source.ALARMS));

    public static final List<FunctionDefinition> ALL = List.of(STALE_LOCK, EXEC_ROLLOUT, ALARM);

    private Functions() {}

    public static Optional<FunctionDefinition> named(String name) {
        return ALL.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Every remediation some function runs, once each, in the order of {@link #ALL}. */
    public static List<Remediation> remediations() {
        Map<String, Remediation> all = new LinkedHashMap<>();
        ALL.forEach(f -> f.remediations().forEach(r -> all.putIfAbsent(r.name(), r)));
        return List.copyOf(all.values());
    }
}
