package dev.ecsmedic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.policy.Check;
import dev.ecsmedic.core.policy.Check.Status;
import dev.ecsmedic.core.policy.ExecFacts;
import dev.ecsmedic.core.policy.ExecReadiness;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.ServiceReads;
import dev.ecsmedic.core.view.ServiceView;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * "Why does {@code aws ecs execute-command} fail here?": the exec readiness check the exec function runs after a
 * rollout, run on demand against an account with clients that cannot call a mutating API.
 */
@Command(name = "exec-check", sortOptions = false,
        description = {"Checks whether ECS Exec can connect to a service's running tasks, or to one task, and "
                + "says how to fix each known cause of TargetNotConnectedException.",
                "Read-only: the AWS clients refuse every operation but reads."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:no check failed (warnings allowed)", "1:a check failed, or AWS could not be read",
                "2:bad arguments, or no such cluster, service or task"})
final class ExecCheck implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Mixin
    ServiceTarget.Cluster cluster;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target extends ServiceTarget.Service {
        @Option(names = "--task", paramLabel = "TASK", description = "Check one task (its id or ARN).")
        String task;
    }

    @Mixin
    TemplateOptions template;

    @Mixin
    AccountOptions account;

    @Option(names = "--with-functions",
            description = "With --simulate: template.yaml's functions react while the scenario plays, as deployed.")
    boolean withFunctions;

    @Option(names = "--json", description = "Print the checks as JSON.")
    boolean json;

    /** What {@code --json} prints: the target and every check. */
    record Result(String cluster, String service, String task, List<Check> checks) {}

    @Override
    public Integer call() {
        if (withFunctions && account.simulate == null) {
            throw new IllegalArgumentException("--with-functions needs --simulate");
        }
        return account.read(template, withFunctions ? Optional.of(template.template) : Optional.empty(),
                spec.commandLine().getErr(), this::check);
    }

    private int check(AccountOptions.Account aws) {
        AwsClients clients = aws.clients();
        ServiceReads ecs = clients.ports().services();
        ServiceView view;
        List<Check> checks = new ArrayList<>();
        try {
            view = target.service != null
                    ? ecs.withTasks(ServiceTarget.existing(() -> ecs.service(cluster.name, target.service),
                            cluster.name, subject()), List.of())
                    : ServiceTarget.existing(() -> ecs.task(cluster.name, target.task), cluster.name, subject());
            if (target.service != null && !view.enableExecuteCommand()) {
                checks.add(new Check("service-exec-enabled", "service/" + cluster.name + "/" + view.service(), Status.FAIL,
                        "enableExecuteCommand=false on the service: no task it starts can be reached",
                        ExecReadiness.forceDeployment("aws ecs update-service --cluster " + cluster.name
                                + " --service " + view.service() + " --enable-execute-command --force-new-deployment",
                                view.primary().map(d -> view.taskDefinitions().get(d.taskDefinition())))));
            }
            ExecFacts facts = clients.execFacts().read(view);
            if (facts.tasks().isEmpty()) {
                checks.add(new Check("running-task", subject(), Status.FAIL, "no running task: ECS Exec connects "
                        + "only to RUNNING tasks", "start the task, or scale the service up, then check again"));
            }
            checks.addAll(ExecReadiness.check(facts, aws.clock().instant()));
        } catch (AwsFailure e) {
            spec.commandLine().getErr().println("ecs-medic exec-check: AWS could not be read: " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(new Result(cluster.name, view.service(), target.task == null ? "" : target.task,
                    checks)));
        } else {
            print(checks, out);
        }
        out.flush();
        return checks.stream().anyMatch(c -> c.status() == Status.FAIL) ? 1 : 0;
    }

    /** The result by Jackson's record binding (the command line keeps jackson-databind; the functions do not). */
    private static String json(Result result) {
        try {
            return JSON.writeValueAsString(result);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("exec-check result not serialisable", e);
        }
    }

    private String subject() {
        return target.service != null ? "service " + target.service : "task " + target.task;
    }

    private void print(List<Check> checks, PrintWriter out) {
        out.println("ecs-medic exec-check (read-only) of " + subject() + " in cluster " + cluster.name + ":");
        for (Check check : checks) {
            out.printf("  %-4s  %s  %s%n", check.status(), check.check(), check.target());
            out.println("        " + check.detail());
            if (!check.fix().isEmpty()) {
                out.println("        fix: " + check.fix());
            }
        }
        long failed = checks.stream().filter(c -> c.status() == Status.FAIL).count();
        long warned = checks.stream().filter(c -> c.status() == Status.WARN).count();
        out.println();
        out.println(failed + " FAIL, " + warned + " WARN, " + (checks.size() - failed - warned) + " PASS: "
                + (failed > 0 ? "ECS Exec will not connect until the FAIL checks are fixed."
                : warned > 0 ? "ECS Exec should connect; see the warnings." : "ECS Exec is ready."));
    }
}
