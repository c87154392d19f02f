package dev.ecsmedic.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The ecs-medic command: scenarios in the simulator, the functions invoked locally, plans against an account. */
@Command(name = "ecs-medic", mixinStandardHelpOptions = true, version = "ecs-medic 0.1.0",
        description = "Event-driven remediation for Amazon ECS: simulate, invoke locally, plan.",
        subcommands = {SimulateCommand.class, CommandLine.HelpCommand.class})
public final class EcsMedic implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new EcsMedic()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
