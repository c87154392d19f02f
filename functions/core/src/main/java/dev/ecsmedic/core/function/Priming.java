package dev.ecsmedic.core.function;

import dev.ecsmedic.core.AlarmTargets;
import dev.ecsmedic.core.Home;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.PrimingClients;
import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.core.function.FunctionDefinition.Source;
import dev.ecsmedic.core.policy.Action;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.ExecRolloutPolicy;
import dev.ecsmedic.core.policy.Remediation;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.policy.StaleLockPolicy;
import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.LockEvidenceReads;
import dev.ecsmedic.core.port.Ports;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.view.ServiceView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.regions.Region;

/**
 * SnapStart priming: the {@code beforeCheckpoint} hook every function's handler registers (see
 * {@link FunctionHandler}). Before Lambda snapshots the initialised function, it runs the function's own code
 * paths once, in dry run, on sample events of the function's triggers and canned AWS answers: the event parser,
 * the remediator and its policies, the report JSON, and the SDK's marshallers, signers and unmarshallers of every
 * call the function makes, so a restored snapshot starts with those classes loaded, linked and initialised.
 *
 * <p>It never acts and never connects: its SDK clients ({@link PrimingClients}) have no HTTP path but a canned
 * one that opens no socket, placeholder credentials, and are thrown away; the function's own clients are not
 * touched, so no credential is resolved and no connection is opened before the snapshot. Nothing it makes is
 * kept, so the snapshot holds nothing unique from it; the only random numbers it draws are the SDK's per-request
 * invocation ids ({@code UUID.randomUUID}, the JDK's SecureRandom), which the function's own calls draw anew. A
 * failure is one log line; the snapshot is then taken unprimed, never refused.
 */
final class Priming implements Resource {

    static final String CLUSTER = "priming";
    static final String SERVICE = "priming";
    private static final String ACCOUNT = "000000000000";
    private static final Instant NOW = Instant.parse("2025-11-13T22:33:00Z");

    private final String function;
    private final Supplier<Primed> primer;
    private final Consumer<String> log;

    /**
     * Primes {@code definition}'s code paths, then runs {@code buildClients}: the function's own SDK clients, built
     * ahead of their first use (building one opens no connection and resolves no credentials), so a restored
     * snapshot does not build them either.
     */
    Priming(FunctionDefinition definition, Runnable buildClients, Consumer<String> log) {
        this(definition.name(), () -> {
            long started = System.nanoTime();
            Primed primed = prime(definition);
            buildClients.run();
            return new Primed(primed.events(), primed.operations(), primed.hosts(),
                    (System.nanoTime() - started) / 1_000_000);
        }, log);
    }

    Priming(String function, Supplier<Primed> primer, Consumer<String> log) {
        this.function = function;
        this.primer = primer;
        this.log = log;
    }

    /** What one priming run did: the sample events handled and the SDK operations answered without a connection. */
    record Primed(int events, List<String> operations, List<String> hosts, long millis) {}

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        run();
    }

    /** Nothing to renew: priming made no connection, resolved no credential and kept nothing. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // the function's clients resolve credentials and connect on their first call, after the restore
    }

    /** Primes, and logs one line saying what was primed or why priming failed. Never throws. */
    String run() {
        long started = System.nanoTime();
        String line;
        try {
            Primed primed = primer.get();
            line = "priming " + function + ": " + primed.events() + " sample events and "
                    + primed.operations().size() + " SDK calls answered without a connection in "
                    + primed.millis() + " ms: " + String.join(",", new TreeSet<>(primed.operations()));
        } catch (RuntimeException | LinkageError e) {
            line = "priming " + function + " failed after " + (System.nanoTime() - started) / 1_000_000
                    + " ms, the snapshot is taken unprimed: " + String.valueOf(e).lines().findFirst().orElse("");
        }
        log.accept(line);
        return line;
    }

    /** One priming run for {@code function}; throws what went wrong. */
    static Primed prime(FunctionDefinition function) {
        long started = System.nanoTime();
        boolean exec = function.remediations().contains(Remediation.EXEC_ROLLOUT);
        boolean alarms = function.triggers().contains(Source.ALARMS);
        PrimingClients clients = new PrimingClients(region());
        Ports ports = clients.ports(exec, alarms, "ecs-medic-priming");
        String topic = "arn:aws:sns:" + region().id() + ":" + ACCOUNT + ":ecs-medic-priming";
        Settings settings = new Settings(CLUSTER, Set.of(SERVICE), false, Settings.DEFAULT_LOCK_ERROR_PATTERN,
                Duration.ofMinutes(3), true, true);
        Remediator.Builder builder = Remediator.builder(function.name(), ports).settings(settings)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).log(line -> { }).home(new Home("aws", region().id(), ACCOUNT))
                .notifier(clients.notifier(topic));
        function.remediations().forEach(builder::remediation);
        if (alarms) {
            Set<String> names = new TreeSet<>();
            function.remediations().forEach(r -> names.add(r.name()));
            builder.alarmTargets(new AlarmTargets(FunctionDefinition.DEFAULT_ALARM_NAME_PREFIX, names,
                    ports.alarmTags()));
        }
        Remediator remediator = builder.build();
        List<byte[]> events = samples(function);
        String functionArn = "arn:aws:lambda:" + region().id() + ":" + ACCOUNT + ":function:priming";
        for (byte[] event : events) {
            try {
                // as the handler calls it: parse, decide, write the report and its log line (discarded here);
                // a request id is given, so the remediator draws no random claim holder
                remediator.handle(event, functionArn, "priming");
            } catch (Remediator.RemediationFailedException failedOnCannedAnswers) {
                // a failed decision is still a decision primed
            }
        }
        String task = primeEveryCall(function, ports, settings, exec);
        clients.notifier(topic).publish(new Report(function.name(), EventParser.parse(events.get(0)).origin(),
                CLUSTER, SERVICE, Decision.STOP_STALE_TASKS, List.of("ecs-medic priming"),
                List.of(new Report.ActionRecord(Decision.STOP_STALE_TASKS.name(), task, true, "ecs-medic priming", "")),
                List.of(), false, List.of(), List.of(), "ecs-svc/2", "priming"));
        return new Primed(events.size(), clients.operationsAnswered(), clients.hostsAddressed(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Every call the function can make, whatever the dry runs decided on the canned answers: the reads and the
     * policies on the view they make, the actions (into the canned client only), the claim. Returns the task
     * stopped.
     */
    private static String primeEveryCall(FunctionDefinition function, Ports ports, Settings settings, boolean exec) {
        ServiceView view = ports.services().withTasks(ports.services().service(CLUSTER, SERVICE).orElseThrow(
                () -> new IllegalStateException("the canned DescribeServices answer has no service")), List.of());
        LockEvidenceReads.Search search = ports.logs().find(view, view.tasks(), settings.lockErrorPattern());
        StaleLockPolicy.decide(view, search.evidence(), settings, NOW);
        String task = view.tasks().get(0).taskArn();
        ports.actions().execute(new Action.StopTask(CLUSTER, task, "ecs-medic priming"));
        ports.claims().take(new Claims.Claim(CLUSTER + "/" + SERVICE, "priming", function.name(), NOW,
                NOW.plus(Claims.LEASE)));
        if (exec) {
            ExecRolloutPolicy.decide(view, settings.execCooldown(), NOW, Optional.empty());
            ports.execFacts().read(view);
            ports.actions().execute(new Action.ForceNewDeployment(CLUSTER, SERVICE, "ecs-medic priming"));
            ports.execEnablements().remember(CLUSTER, SERVICE, NOW, NOW.plus(Duration.ofHours(1)));
            ports.execEnablements().enabledAt(CLUSTER, SERVICE);
        }
        if (function.triggers().contains(Source.ALARMS)) {
            ports.alarmTags().of("arn:aws:cloudwatch:" + region().id() + ":" + ACCOUNT + ":alarm:ecs-medic-priming");
        }
        return task;
    }

    /** Lambda sets AWS_REGION; priming never asks the region chain (which may read instance metadata). */
    private static Region region() {
        String region = System.getenv("AWS_REGION");
        return region == null || region.isBlank() ? Region.US_EAST_1 : Region.of(region.trim());
    }

    /** The sample events of the function's triggers ({@code priming/SOURCE*.json} beside this class). */
    static List<byte[]> samples(FunctionDefinition function) {
        List<byte[]> samples = new ArrayList<>();
        for (Source source : new TreeSet<>(function.triggers())) {
            for (String name : source == Source.ECS_EVENTS ? List.of("ECS_EVENTS-task", "ECS_EVENTS-deployment")
                    : List.of(source.name())) {
                try (InputStream in = Priming.class.getResourceAsStream("priming/" + name + ".json")) {
                    if (in == null) {
                        throw new IllegalStateException("no sample event priming/" + name + ".json");
                    }
                    samples.add(in.readAllBytes());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return samples;
    }
}
