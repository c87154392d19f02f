package dev.ecsmedic.core;

import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.aws.CallLog;
import dev.ecsmedic.core.aws.EcsActuator;
import dev.ecsmedic.core.aws.EcsObserver;
import dev.ecsmedic.core.aws.LockEvidenceReader;
import dev.ecsmedic.core.aws.SnsNotifier;
import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.event.Trigger;
import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.policy.Check;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.report.Report.ActionRecord;
import dev.ecsmedic.core.report.ReportJson;
import dev.ecsmedic.core.view.ServiceView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The reconcile loop every function runs: event bytes to trigger, observe the service, let each remediation
 * plan, act (or only report, in dry-run), and write one JSON report. Handlers are a few lines around this.
 */
public final class Remediator {

    private final String function;
    private final Settings settings;
    private final String settingsError;
    private final EcsObserver observer;
    private final LockEvidenceReader logs;
    private final EcsActuator actuator;
    private final CallLog calls;
    private final Clock clock;
    private final Consumer<String> log;
    private final List<Remediation> remediations;
    private final Function<Trigger.AlarmChange, Trigger> alarmTargets;
    private final Notifier notifier;

    private Remediator(Builder b) {
        this.function = b.function;
        this.settings = b.settings;
        this.settingsError = b.settingsError;
        this.observer = new EcsObserver(b.clients.ecs());
        this.logs = new LockEvidenceReader(b.clients.logs());
        this.actuator = new EcsActuator(b.clients.ecs());
        this.calls = b.clients.calls();
        this.clock = b.clock;
        this.log = b.log;
        this.remediations = List.copyOf(b.remediations);
        this.alarmTargets = b.alarmTargets;
        this.notifier = b.notifier;
    }

    public static Builder builder(String function, AwsClients clients) {
        return new Builder(function, clients);
    }

    /** Handles one event; returns the report's JSON. Throws only when AWS failed, so the invocation is retried. */
    public String handle(byte[] event) {
        Report report = handle(EventParser.parse(event));
        String json = ReportJson.write(report);
        log.accept(ReportJson.logLine(report, clock.millis()));
        if (report.decision() == Decision.FAILED && report.services().isEmpty()) {
            throw new RemediationFailedException(String.join("; ", report.reasons()));
        }
        return json;
    }

    /** Decides and acts on one trigger; when the report holds actions, the notifier hears of them. */
    public Report handle(Trigger trigger) {
        int mark = calls.mark();
        Report report = decide(trigger, mark);
        if (!hasActions(report)) {
            return report;
        }
        List<String> reasons = new ArrayList<>(report.reasons());
        try {
            notifier.publish(report);
        } catch (SdkException e) {
            reasons.add("notification failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new Report(report.function(), report.trigger(), report.cluster(), report.service(), report.decision(),
                reasons, report.actions(), report.checks(), report.dryRun(), calls.since(mark), report.services());
    }

    private static boolean hasActions(Report report) {
        return !report.actions().isEmpty() || report.services().stream().anyMatch(Remediator::hasActions);
    }

    private Report decide(Trigger trigger, int mark) {
        if (settings == null) {
            return report(trigger.origin(), "", "", Plan.noAction(List.of("configuration error: " + settingsError
                    + "; nothing is read or changed until the deployment's parameters are fixed")), List.of(), mark);
        }
        if (trigger instanceof Trigger.AlarmChange alarm) {
            try {
                trigger = alarmTargets.apply(alarm);
            } catch (SdkException e) {
                return report(alarm.origin(), "", "", failed(List.of("alarm " + alarm.alarm().alarmName()
                        + ": its target could not be read"), e), List.of(), mark);
            }
        }
        if (trigger instanceof Trigger.Ignored ignored) {
            return report(ignored.origin(), "", "", Plan.noAction(List.of(ignored.reason())), List.of(), mark);
        }
        if (trigger instanceof Trigger.Sweep sweep) {
            return sweep(sweep, mark);
        }
        return reconcile((Trigger.ServiceCheck) trigger, mark);
    }

    private Report sweep(Trigger.Sweep sweep, int mark) {
        List<Report> services = new ArrayList<>();
        List<String> names;
        try {
            names = settings.watchAll()
                    ? observer.serviceNames(settings.cluster())
                    : settings.watchedServices().stream().sorted().toList();
        } catch (SdkException e) {
            return report(sweep.origin(), settings.cluster(), "", failed(List.of(), e), List.of(), mark);
        }
        for (String service : names) {
            services.add(reconcile(new Trigger.ServiceCheck(sweep.origin(), settings.cluster(), service, List.of()),
                    calls.mark()));
        }
        Decision decision = services.stream().map(Report::decision).filter(d -> d != Decision.NO_ACTION)
                .findFirst().orElse(Decision.NO_ACTION);
        List<String> reasons = List.of("swept " + services.size() + " watched service(s) of cluster "
                + settings.cluster());
        return new Report(function, sweep.origin(), settings.cluster(), "", decision, reasons, List.of(), List.of(),
                settings.dryRun(), calls.since(mark), services);
    }

    private Report reconcile(Trigger.ServiceCheck check, int mark) {
        if (!check.cluster().equals(settings.cluster())) {
            return report(check.origin(), check.cluster(), check.service(), Plan.noAction(List.of("cluster "
                    + check.cluster() + " is not the watched cluster " + settings.cluster())), List.of(), mark);
        }
        if (!settings.watches(check.service())) {
            return report(check.origin(), check.cluster(), check.service(), Plan.noAction(List.of("service "
                    + check.service() + " is not watched (WATCHED_SERVICES=" + settings.watchedDescription() + ")")),
                    List.of(), mark);
        }
        List<String> reasons = new ArrayList<>();
        try {
            Optional<ServiceView> service = observer.service(check.cluster(), check.service());
            if (service.isEmpty()) {
                return report(check.origin(), check.cluster(), check.service(), Plan.noAction(List.of("service "
                        + check.service() + " not found in cluster " + check.cluster())), List.of(), mark);
            }
            Observation observation = new Observation(observer, logs, service.get(), check.taskHints(),
                    check.execEnabledAt());
            Plan chosen = null;
            List<Check> checks = new ArrayList<>();
            for (Remediation remediation : remediations) {
                Plan plan = remediation.plan(observation, settings, clock.instant());
                String prefix = remediations.size() > 1 ? remediation.name() + ": " : "";
                plan.reasons().forEach(r -> reasons.add(prefix + r));
                checks.addAll(plan.checks());
                if (chosen == null && plan.decision() != Decision.NO_ACTION) {
                    chosen = plan;
                }
            }
            observation.notes().forEach(reasons::add);
            Plan plan = chosen == null
                    ? new Plan(Decision.NO_ACTION, reasons, List.of(), checks)
                    : new Plan(chosen.decision(), reasons, chosen.actions(), checks);
            return act(check, plan, mark);
        } catch (SdkException e) {
            return report(check.origin(), check.cluster(), check.service(), failed(reasons, e), List.of(), mark);
        }
    }

    private Report act(Trigger.ServiceCheck check, Plan plan, int mark) {
        List<ActionRecord> records = new ArrayList<>();
        List<String> reasons = new ArrayList<>(plan.reasons());
        boolean failed = false;
        for (Action action : plan.actions()) {
            String name = action.getClass().getSimpleName();
            if (settings.dryRun()) {
                records.add(new ActionRecord(name, action.target(), false, action.reason(), ""));
                continue;
            }
            if (failed) {
                records.add(new ActionRecord(name, action.target(), false, action.reason(), "skipped after a failure"));
                continue;
            }
            try {
                actuator.execute(action);
                records.add(new ActionRecord(name, action.target(), true, action.reason(), ""));
            } catch (SdkException e) {
                failed = true;
                records.add(new ActionRecord(name, action.target(), false, action.reason(), e.getMessage()));
                reasons.add(name + " " + action.target() + " failed: " + e.getMessage());
            }
        }
        if (settings.dryRun() && !plan.actions().isEmpty()) {
            reasons.add("dry run (DRY_RUN=true): nothing was changed");
        }
        Decision decision = failed ? Decision.FAILED : plan.decision();
        return new Report(function, check.origin(), check.cluster(), check.service(), decision, reasons, records,
                plan.checks(), settings.dryRun(), calls.since(mark), List.of());
    }

    private static Plan failed(List<String> reasons, SdkException e) {
        List<String> all = new ArrayList<>(reasons);
        all.add("AWS call failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        return new Plan(Decision.FAILED, all, List.of());
    }

    private Report report(Origin origin, String cluster, String service, Plan plan, List<ActionRecord> actions,
                          int mark) {
        return new Report(function, origin, cluster, service, plan.decision(), plan.reasons(), actions, List.of(),
                settings != null && settings.dryRun(), calls.since(mark), List.of());
    }

    /** Thrown after the report is logged, so Lambda retries the event (twice) and then hands it to the queue. */
    public static final class RemediationFailedException extends RuntimeException {
        RemediationFailedException(String message) {
            super(message);
        }
    }

    /** Collaborators of a remediator; the no-argument Lambda constructors use {@link #fromEnvironment}. */
    public static final class Builder {
        static final String NOTIFICATION_TOPIC_ARN = "NOTIFICATION_TOPIC_ARN";
        private final String function;
        private final AwsClients clients;
        private Settings settings;
        private String settingsError = "";
        private Clock clock = InvocationClock.system();
        private Consumer<String> log = System.out::println;
        private final List<Remediation> remediations = new ArrayList<>();
        private Function<Trigger.AlarmChange, Trigger> alarmTargets = alarm -> new Trigger.Ignored(alarm.origin(),
                "alarm state changes are handled by AlarmRemediatorFunction");
        private Notifier notifier = Notifier.NONE;

        private Builder(String function, AwsClients clients) {
            this.function = function;
            this.clients = clients;
        }

        public Builder settings(Settings value) {
            this.settings = value;
            return this;
        }

        /** Reads the settings from environment variables; a bad value is reported on every event, not thrown. */
        public Builder settingsFrom(java.util.Map<String, String> env) {
            try {
                this.settings = Settings.fromEnvironment(env);
            } catch (IllegalArgumentException e) {
                this.settings = null;
                this.settingsError = e.getMessage();
            }
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        public Builder log(Consumer<String> value) {
            this.log = value;
            return this;
        }

        public Builder remediation(Remediation value) {
            this.remediations.add(value);
            return this;
        }

        /** Resolves an alarm to the service it is about (or to the reason it names none); may call AWS. */
        public Builder alarmTargets(Function<Trigger.AlarmChange, Trigger> value) {
            this.alarmTargets = value;
            return this;
        }

        public Builder notifier(Notifier value) {
            this.notifier = value;
            return this;
        }

        /** {@code NOTIFICATION_TOPIC_ARN}: publish every action to that SNS topic; unset or empty: no notifications. */
        public Builder notifierFrom(java.util.Map<String, String> env) {
            String topic = env.getOrDefault(NOTIFICATION_TOPIC_ARN, "").trim();
            this.notifier = topic.isEmpty() ? Notifier.NONE : new SnsNotifier(clients.sns(), topic);
            return this;
        }

        public Remediator build() {
            if (remediations.isEmpty()) {
                throw new IllegalStateException("a remediator needs at least one remediation");
            }
            if (settings == null && settingsError.isEmpty()) {
                throw new IllegalStateException("settings not given");
            }
            return new Remediator(this);
        }
    }
}
