package dev.ecsmedic.cli;

import dev.ecsmedic.template.TemplateException;
import java.io.IOException;
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

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new EcsMedic()).setExecutionExceptionHandler(EcsMedic::userError);
    }

    /** Errors in what the user gave (template, parameters, files) end with one line, not a stack trace. */
    private static int userError(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof TemplateException || e instanceof IllegalArgumentException
                || e instanceof NoSuchElementException || e instanceof IOException) {
            command.getErr().println("ecs-medic " + command.getCommandName() + ": " + e.getMessage());
            return USER_ERROR;
        }
        throw e;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }
}
