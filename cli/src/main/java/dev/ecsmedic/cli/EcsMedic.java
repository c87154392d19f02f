package dev.ecsmedic.cli;

import dev.ecsmedic.template.TemplateException;
import java.io.IOException;
import java.util.List;
import java.util.NoSuchElementException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ecs-medic} command: one entry point for the subcommands users run from the repository root. */
@Command(name = "ecs-medic", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "ecs-medic 0.1.0", resourceBundle = "dev.ecsmedic.cli.help",
        description = "Event-driven remediation for Amazon ECS, run locally.",
        subcommands = {
                SimulateCommand.class,
                SimulatorCommand.class,
                Invoke.class,
                Plan.class,
                ExecCheck.class,
        })
public final class EcsMedic implements Runnable {

    static final int USER_ERROR = 2;
    static final int DETAILED_ERROR = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine line = new CommandLine(new EcsMedic()).setExecutionExceptionHandler(EcsMedic::userError);
        CommandLine.IParameterExceptionHandler usage = line.getParameterExceptionHandler();
        return line.setParameterExceptionHandler((e, args) -> {
            int status = usage.handleParseException(e, args);
            return detailedExitcode(e.getCommandLine(), List.of(args)) ? DETAILED_ERROR : status;
        });
    }

    /**
     * Errors in what the user gave (template, parameters, files, a cluster or service that does not exist) end
     * with one line, not a stack trace.
     */
    private static int userError(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof TemplateException || e instanceof IllegalArgumentException
                || e instanceof NoSuchElementException || e instanceof IOException) {
            command.getErr().println("ecs-medic " + command.getCommandName() + ": " + e.getMessage());
            return detailedExitcode(command, parsed.originalArgs()) ? DETAILED_ERROR : USER_ERROR;
        }
        throw e;
    }

    /** {@code plan --detailed-exitcode} keeps 2 for "would act", as Terraform does, so every error is 1. */
    private static boolean detailedExitcode(CommandLine command, List<String> args) {
        return command.getCommand() instanceof Plan plan
                && (plan.detailedExitcode || args.contains(Plan.DETAILED_EXITCODE));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
