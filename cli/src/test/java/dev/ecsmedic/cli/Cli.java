package dev.ecsmedic.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the ecs-medic command in this JVM, capturing stdout and stderr. */
record Cli(int exit, String out, String err) {

    static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = EcsMedic.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        return new Cli(exit, out.toString(), err.toString());
    }

    static String repo(String path) {
        return REPO.resolve(path).toString();
    }
}
