package dev.ecsmedic.core.function;

import dev.ecsmedic.core.AlarmTargets;
import dev.ecsmedic.core.Configuration;
import dev.ecsmedic.core.Home;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.aws.DynamoDbClaimsTable;
import dev.ecsmedic.core.policy.Remediation;
import dev.ecsmedic.core.port.Ports;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One function of template.yaml, described once: its logical id, its handler, the remediations it runs and the
 * events it answers. The Lambda handler, {@code ecs-medic invoke} and {@code plan}, the simulator's deployed
 * functions and the tests all compose it from here.
 */
public record FunctionDefinition(String name, String handler, List<Remediation> remediations, Set<Source> triggers) {

    public static final String NOTIFICATION_TOPIC_ARN = "NOTIFICATION_TOPIC_ARN";
    public static final String ALARM_NAME_PREFIX = "ALARM_NAME_PREFIX";
    public static final String DEFAULT_ALARM_NAME_PREFIX = "ecs-medic-";

    /** The events a function's rules deliver to it. */
    public enum Source { ECS_EVENTS, SCHEDULE, CLOUDTRAIL, ALARMS }

    public FunctionDefinition {
        remediations = List.copyOf(remediations);
        triggers = Set.copyOf(triggers);
        if (remediations.isEmpty()) {
            throw new IllegalArgumentException(name + " runs no remediation");
        }
    }

    /**
     * The function as deployed: ports on {@code clients}, settings, claims table, notification topic and alarm name
     * prefix from its environment. Callers may still set the clock, the log and the notifier before building.
     */
    public Remediator.Builder compose(AwsClients clients, Map<String, String> env) {
        Ports ports = clients.ports();
        String claims = env.getOrDefault(Configuration.CLAIMS_TABLE, "").trim();
        if (!claims.isEmpty()) {
            DynamoDbClaimsTable table = clients.claimsTable(claims);
            ports = ports.withClaims(table);
            if (remediations.contains(Remediation.EXEC_ROLLOUT)) {
                ports = ports.withExecEnablements(table);
            }
        }
        if (remediations.contains(Remediation.EXEC_ROLLOUT)) {
            ports = ports.withExecFacts(clients.execFacts());
        }
        if (triggers.contains(Source.ALARMS)) {
            ports = ports.withAlarmTags(clients.alarmTags());
        }
        Remediator.Builder builder = Remediator.builder(name, ports).settingsFrom(env).home(Home.fromEnvironment(env))
                .notifier(clients.notifier(env.getOrDefault(NOTIFICATION_TOPIC_ARN, "")));
        remediations.forEach(builder::remediation);
        if (triggers.contains(Source.ALARMS)) {
            String prefix = env.getOrDefault(ALARM_NAME_PREFIX, "").isBlank()
                    ? DEFAULT_ALARM_NAME_PREFIX : env.get(ALARM_NAME_PREFIX).trim();
            Set<String> names = new TreeSet<>();
            remediations.forEach(r -> names.add(r.name()));
            builder.alarmTargets(new AlarmTargets(prefix, names, ports.alarmTags()));
        }
        return builder;
    }

    /** The handler's class, as template.yaml names it before {@code ::}. */
    public String handlerClass() {
        return handler.substring(0, handler.indexOf("::"));
    }
}
