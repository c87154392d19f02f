package dev.ecsmedic.core;

import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.event.Place;
import dev.ecsmedic.core.event.Trigger;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.ExecRolloutPolicy;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.Remediation;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.port.Ports;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.report.Report.ActionRecord;
import dev.ecsmedic.core.report.ReportJson;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.ServiceView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The reconcile loop every function runs: event bytes to trigger, observe the service, let each remediation
 * plan, act (or only report, in dry-run), and write one JSON report. It reads and acts only through its ports.
 */
public final class Remediator {

    /** How far a record's time may be ahead of this function's clock and still be believed. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final String function;
    private final Configuration configuration;
    private final Ports ports;
    private final Clock clock;
    private final Consumer<String> log;
    private final List<Remediation> remediations;
    private final Function<Trigger.AlarmChange, Trigger> alarmTargets;
    private final Notifier notifier;
    private final ToldActions told = new ToldActions();
    private final Home home;

    private Remediator(Builder b) {
        this.function = b.function;
        this.configuration = b.configuration;
        this.ports = b.ports;
        this.clock = b.clock;
        this.log = b.log;
        this.remediations = List.copyOf(b.remediations);
        this.alarmTargets = b.alarmTargets;
        this.notifier = b.notifier;
        this.home = b.home;
    }

    public static Builder builder(String function, Ports ports) {
        return new Builder(function, ports);
    }

    /** Handles one event; returns the report's JSON. Throws only when AWS failed, so the invocation is retried. */
    public String handle(byte[] event) {
        return handle(event, home, "");
    }

    /**
     * As {@link #handle(byte[])} for one Lambda invocation: placed by the invoked function's ARN (Lambda's
     * context), the report carrying Lambda's request id.
     */
    public String handle(byte[] event, String invokedFunctionArn, String requestId) {
        return handle(event, home.withFunctionArn(invokedFunctionArn), requestId);
    }

    private String handle(byte[] event, Home at, String requestId) {
        ports.calls().invocationStarted();
        Report report = handle(EventParser.parse(event), at, requestId);
        String json = ReportJson.write(report);
        log.accept(ReportJson.logLine(report, clock.millis()));
        if (report.decision() == Decision.FAILED && report.services().isEmpty()) {
            throw new RemediationFailedException(String.join("; ", report.reasons()));
        }
        return json;
    }

    /** Decides and acts on one trigger; the notifier hears of every action it has not been told of yet. */
    public Report handle(Trigger trigger) {
        return handle(trigger, home, "");
    }

    private Report handle(Trigger trigger, Home at, String requestId) {
        int mark = ports.calls().mark();
        String holder = requestId.isBlank() ? UUID.randomUUID().toString() : requestId;
        Report report = decide(elsewhere(trigger, at), at, mark, holder).withRequestId(requestId);
        List<Report> acting = (report.actions().isEmpty() ? report.services() : List.of(report)).stream()
                .filter(Remediator::ownActions).toList();
        if (acting.isEmpty() || notifier == Notifier.NONE) {
            return report;
        }
        List<String> notes = new ArrayList<>();
        for (Report service : acting) {
            if (!told.isNew(service)) {
                notes.add("not notified again: already told of " + ToldActions.describe(service));
                continue;
            }
            try {
                notifier.publish(service.withRequestId(requestId));
                told.remember(service);
            } catch (AwsFailure e) {
                notes.add("notification failed: " + e.describe());
            }
        }
        return report.amended(notes, ports.calls().since(mark));
    }

    /** Whether the report has an action of this invocation's: one another invocation claimed is theirs to tell. */
    private static boolean ownActions(Report report) {
        return report.actions().stream().anyMatch(a -> !ActionRunner.theirs(a));
    }

    /** A trigger naming another account, region or partition than the function's own is ignored, with why. */
    private static Trigger elsewhere(Trigger trigger, Home at) {
        List<Place> places = trigger instanceof Trigger.ServiceCheck check ? check.places()
                : trigger instanceof Trigger.AlarmChange alarm ? alarm.places() : List.of();
        return at.elsewhere(places).<Trigger>map(why -> new Trigger.Ignored(trigger.origin(), why)).orElse(trigger);
    }

    /** {@code holder}: the invocation that claims the actions it takes (see {@link ActionRunner}). */
    private Report decide(Trigger trigger, Home at, int mark, String holder) {
        if (configuration instanceof Configuration.Invalid invalid) {
            return report(trigger.origin(), "", "", Plan.noAction(List.of("configuration error: " + invalid.reason()
                    + "; nothing is read or changed until the deployment's parameters are fixed")), false, mark);
        }
        Settings settings = ((Configuration.Valid) configuration).settings();
        if (trigger instanceof Trigger.AlarmChange alarm) {
            try {
                trigger = elsewhere(alarmTargets.apply(alarm), at);
            } catch (AwsFailure e) {
                return report(alarm.origin(), "", "", failed(List.of("alarm " + alarm.alarm().alarmName()
                        + ": its target could not be read"), e), settings.dryRun(), mark);
            }
        }
        if (trigger instanceof Trigger.Ignored ignored) {
            return report(ignored.origin(), "", "", Plan.noAction(List.of(ignored.reason())), settings.dryRun(), mark);
        }
        if (trigger instanceof Trigger.Sweep sweep) {
            return sweep(sweep, settings, mark, holder);
        }
        return reconcile((Trigger.ServiceCheck) trigger, settings, mark, holder);
    }

    private Report sweep(Trigger.Sweep sweep, Settings settings, int mark, String holder) {
        List<String> names;
        try {
            names = settings.watchAll()
                    ? ports.services().serviceNames(settings.cluster())
                    : settings.watchedServices().stream().sorted().toList();
        } catch (AwsFailure e) {
            return report(sweep.origin(), settings.cluster(), "", failed(List.of(), e), settings.dryRun(), mark);
        }
        List<Report> services = new ArrayList<>();
        for (String service : names) {
            services.add(reconcile(new Trigger.ServiceCheck(sweep.origin(), settings.cluster(), service, List.of()),
                    settings, ports.calls().mark(), holder));
        }
        Decision decision = services.stream().map(Report::decision).filter(d -> d != Decision.NO_ACTION)
                .findFirst().orElse(Decision.NO_ACTION);
        List<String> reasons = List.of("swept " + services.size() + " watched service(s) of cluster "
                + settings.cluster());
        return new Report(function, sweep.origin(), settings.cluster(), "", decision, reasons, List.of(), List.of(),
                settings.dryRun(), ports.calls().since(mark), services);
    }

    private Report reconcile(Trigger.ServiceCheck check, Settings settings, int mark, String holder) {
        Origin origin = check.origin();
        if (!check.cluster().equals(settings.cluster())) {
            return report(origin, check.cluster(), check.service(), Plan.noAction(List.of("cluster "
                    + check.cluster() + " is not the watched cluster " + settings.cluster())), settings.dryRun(), mark);
        }
        if (!settings.watches(check.service())) {
            return report(origin, check.cluster(), check.service(), Plan.noAction(List.of("service "
                    + check.service() + " is not watched (WATCHED_SERVICES=" + settings.watchedDescription() + ")")),
                    settings.dryRun(), mark);
        }
        List<Plan.Named> plans = new ArrayList<>();
        boolean named = remediations.size() > 1;
        try {
            Optional<ServiceView> service = ports.services().service(check.cluster(), check.service());
            if (service.isEmpty()) {
                return report(origin, check.cluster(), check.service(), Plan.noAction(List.of("service "
                        + check.service() + " not found in cluster " + check.cluster())), settings.dryRun(), mark);
            }
            List<String> kept = keepExecEnablement(check, service.get(), settings);
            Observation observation = new Observation(ports, service.get(), check.taskHints(), check.execEnabledAt());
            for (Remediation remediation : remediations) {
                plans.add(new Plan.Named(remediation.name(), observation.plan(remediation, settings, clock.instant())));
            }
            List<String> notes = new ArrayList<>(kept);
            notes.addAll(observation.notes());
            Plan plan = Plan.merge(plans, named, notes);
            ActionRunner.Outcome outcome = new ActionRunner(ports.actions(), ports.claims(), function, holder, clock,
                    settings.dryRun()).run(plan);
            List<String> reasons = new ArrayList<>(plan.reasons());
            reasons.addAll(outcome.reasons());
            return new Report(function, origin, check.cluster(), check.service(),
                    outcome.failed() ? Decision.FAILED : plan.decision(), reasons, outcome.records(), plan.checks(),
                    settings.dryRun(), ports.calls().since(mark), List.of(),
                    service.get().primary().map(Deployment::id).orElse(""), "");
        } catch (AwsFailure e) {
            return report(origin, check.cluster(), check.service(),
                    failed(Plan.merge(plans, named, List.of()).reasons(), e), settings.dryRun(), mark);
        }
    }

    /**
     * Keeps the time of CloudTrail's record of exec being enabled during a rollout, for the invocation that ends
     * that rollout (see {@link dev.ecsmedic.core.port.ExecEnablements}); kept past the cool-down, after which the
     * time no longer matters. Not kept (a time in the future, a failed write): a note, and the cool-down decides
     * as it would without the record.
     */
    private List<String> keepExecEnablement(Trigger.ServiceCheck check, ServiceView service, Settings settings) {
        if (check.execEnabledAt().isEmpty() || !remediations.contains(Remediation.EXEC_ROLLOUT)
                || !ExecRolloutPolicy.enablementOutlivesThisEvent(service, check.execEnabledAt().get())) {
            return List.of();
        }
        Instant at = check.execEnabledAt().get();
        Instant now = clock.instant();
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            return List.of("exec enabled at " + at + " per the record, later than now (" + now + "): not kept");
        }
        try {
            ports.execEnablements().remember(check.cluster(), check.service(), at,
                    at.plus(settings.execCooldown()).plus(Duration.ofHours(1)));
            return List.of();
        } catch (AwsFailure e) {
            return List.of("when exec was enabled (" + at + ") could not be kept: " + e.describe());
        }
    }

    private static Plan failed(List<String> reasons, AwsFailure e) {
        List<String> all = new ArrayList<>(reasons);
        all.add("AWS call failed: " + e.describe());
        return new Plan(Decision.FAILED, all, List.of());
    }

    private Report report(Origin origin, String cluster, String service, Plan plan, boolean dryRun, int mark) {
        return new Report(function, origin, cluster, service, plan.decision(), plan.reasons(),
                List.<ActionRecord>of(), List.of(), dryRun, ports.calls().since(mark), List.of());
    }

    /** Thrown after the report is logged, so Lambda retries the event (twice) and then hands it to the queue. */
    public static final class RemediationFailedException extends RuntimeException {
        RemediationFailedException(String message) {
            super(message);
        }
    }

    /** A remediator's collaborators; {@code FunctionDefinition.compose} gives a function's, callers adjust. */
    public static final class Builder {
        private final String function;
        private final Ports ports;
        private Configuration configuration;
        private Clock clock = InvocationClock.system();
        private Consumer<String> log = System.out::println;
        private final List<Remediation> remediations = new ArrayList<>();
        private Function<Trigger.AlarmChange, Trigger> alarmTargets = alarm -> new Trigger.Ignored(alarm.origin(),
                "alarm state changes are handled by AlarmRemediatorFunction");
        private Notifier notifier = Notifier.NONE;
        private Home home = new Home("", "", "");

        private Builder(String function, Ports ports) {
            this.function = function;
            this.ports = ports;
        }

        public Builder settings(Settings value) {
            this.configuration = new Configuration.Valid(value);
            return this;
        }

        /** Reads the settings from environment variables; a bad value is reported on every event, not thrown. */
        public Builder settingsFrom(Map<String, String> env) {
            this.configuration = Configuration.fromEnvironment(env);
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

        /** Where the function runs; an invocation's function ARN, when given, places it exactly. */
        public Builder home(Home value) {
            this.home = value;
            return this;
        }

        public Builder notifier(Notifier value) {
            this.notifier = value;
            return this;
        }

        public Remediator build() {
            if (remediations.isEmpty()) {
                throw new IllegalStateException("a remediator needs at least one remediation");
            }
            if (configuration == null) {
                throw new IllegalStateException("settings not given");
            }
            return new Remediator(this);
        }
    }
}
