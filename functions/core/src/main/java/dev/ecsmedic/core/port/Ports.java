package dev.ecsmedic.core.port;

/**
 * Everything the reconcile loop reads and changes through, for one function. A function that never needs a
 * port (exec facts for the stale-lock remediator, alarm tags for all but the alarm function) gets one that
 * refuses, so a wiring mistake is loud rather than a silent empty answer; so does a function without a claims
 * table ({@link Claims#NONE}) that tries to act.
 */
public record Ports(ServiceReads services, LockEvidenceReads logs, ExecFactsReads execFacts,
                    AlarmTagReads alarmTags, Actions actions, Claims claims, ExecEnablements execEnablements,
                    CallRecord calls) {

    public static final ExecFactsReads NO_EXEC_FACTS = view -> {
        throw new IllegalStateException("this function reads no exec facts");
    };

    public static final AlarmTagReads NO_ALARM_TAGS = arn -> {
        throw new IllegalStateException("this function reads no alarm tags");
    };

    public Ports withExecFacts(ExecFactsReads value) {
        return new Ports(services, logs, value, alarmTags, actions, claims, execEnablements, calls);
    }

    public Ports withAlarmTags(AlarmTagReads value) {
        return new Ports(services, logs, execFacts, value, actions, claims, execEnablements, calls);
    }

    public Ports withClaims(Claims value) {
        return new Ports(services, logs, execFacts, alarmTags, actions, value, execEnablements, calls);
    }

    public Ports withExecEnablements(ExecEnablements value) {
        return new Ports(services, logs, execFacts, alarmTags, actions, claims, value, calls);
    }
}
