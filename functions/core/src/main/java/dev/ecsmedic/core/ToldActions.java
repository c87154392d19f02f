package dev.ecsmedic.core;

import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.report.Report.ActionRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The actions this execution environment has told people of, so each service, deployment, action and outcome is
 * told once however many events and sweeps plan it again. Lambda shares no memory between environments: a new one
 * (cold start, scale-out, another function) may tell once more.
 */
final class ToldActions {

    /** Enough for every watched service's actions of many deployments; the oldest are forgotten first. */
    static final int CAPACITY = 512;

    private final Map<String, Boolean> keys = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > CAPACITY;
        }
    };

    /** Whether one of the report's actions has not been told yet. */
    synchronized boolean isNew(Report report) {
        return report.actionKeys().stream().anyMatch(key -> !keys.containsKey(key));
    }

    synchronized void remember(Report report) {
        report.actionKeys().forEach(key -> keys.put(key, Boolean.TRUE));
    }

    static String describe(Report report) {
        ActionRecord first = report.actions().get(0);
        return first.action() + " " + first.target() + (report.actions().size() > 1
                ? " and " + (report.actions().size() - 1) + " more" : "")
                + (report.deployment().isEmpty() ? "" : " for deployment " + report.deployment());
    }
}
