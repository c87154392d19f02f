package dev.ecsmedic.cli;

import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.event.Origin;
import dev.ecsmedic.core.event.Trigger;
import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.report.Report;
import dev.ecsmedic.core.report.ReportJson;
import dev.ecsmedic.core.function.FunctionDefinition;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.port.ServiceReads;
import dev.ecsmedic.template.SamTemplate;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * "What would ecs-medic do to this service right now?": every remediation, in dry run, against the account, with
 * clients that cannot call a mutating API, printed like a {@code terraform plan}.
 */
@Command(name = "plan", sortOptions = false,
        description = {"Shows what ecs-medic would do to a service now, and why, or why it would do nothing.",
                "Read-only: dry run is forced and the AWS clients refuse every operation but reads."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:planned, with or without actions (--detailed-exitcode: nothing to do)",
                "1:AWS could not be read (--detailed-exitcode: any error)",
                "2:bad arguments or template, or no such cluster or service (--detailed-exitcode: "
                        + "ecs-medic would act)"})
final class Plan implements Callable<Integer> {

    /** Every remediation some deployed function runs, on one set of clients. */
    static final FunctionDefinition EVERY_REMEDIATION = new FunctionDefinition("plan", "", Functions.remediations(),
            Set.of());

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    ServiceTarget.Cluster cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target extends ServiceTarget.Service {
        @Option(names = "--all-watched",
                description = "Every service WatchedServices names (every service of the cluster when it is *).")
        boolean allWatched;
    }

    @Mixin
    TemplateOptions template;

    @Mixin
    AccountOptions account;

    @Option(names = "--json", description = "Print the report JSON the functions would return instead.")
    boolean json;

    static final String DETAILED_EXITCODE = "--detailed-exitcode";

    @Option(names = DETAILED_EXITCODE,
            description = "As terraform plan -detailed-exitcode: 0 nothing to do, 1 error, 2 ecs-medic would act.")
    boolean detailedExitcode;

    @Override
    public Integer call() {
        return account.read(template, Optional.empty(), spec.commandLine().getErr(), this::plan);
    }

    private int plan(AccountOptions.Account aws) {
        if (!target.allWatched) {
            ServiceReads ecs = aws.clients().ports().services();
            try {
                ServiceTarget.existing(() -> ecs.service(cluster.name, target.service), cluster.name,
                        "service " + target.service);
            } catch (AwsFailure e) {
                // Not a missing service or cluster: the plan reads the service again and reports the failure.
            }
        }
        String region = aws.region();
        Map<String, String> defaults = new HashMap<>(aws.parameterDefaults());
        defaults.put("ClusterName", cluster.name);
        defaults.put("WatchedServices", target.allWatched ? "*" : target.service);
        SamTemplate stack = template.load(defaults, region);
        Map<String, String> env = new LinkedHashMap<>();
        stack.functions().forEach(function -> env.putAll(function.environment()));
        env.put("CLUSTER_NAME", cluster.name);
        env.put("DRY_RUN", "true");
        String deployedWatch = env.getOrDefault("WATCHED_SERVICES", "");
        if (!target.allWatched) {
            env.put("WATCHED_SERVICES", target.service);
        }
        Settings settings = Settings.fromEnvironment(env);
        Remediator remediator = EVERY_REMEDIATION.compose(aws.clients(), env).settings(settings)
                .notifier(Notifier.NONE).clock(aws.clock()).log(line -> { }).build();
        Origin origin = Origin.unknown("ecs-medic plan");
        Report report = remediator.handle(target.allWatched
                ? new Trigger.Sweep(origin)
                : new Trigger.ServiceCheck(origin, cluster.name, target.service, List.of()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(ReportJson.write(report));
        } else {
            PlanText.print(report, settings, deployedWatch, out);
        }
        out.flush();
        if (failed(report)) {
            return 1;
        }
        return detailedExitcode && actions(report) > 0 ? 2 : 0;
    }

    private static long actions(Report report) {
        return report.actions().size() + report.services().stream().mapToLong(Plan::actions).sum();
    }

    private static boolean failed(Report report) {
        return report.decision() == Decision.FAILED || report.services().stream().anyMatch(Plan::failed);
    }
}
