package dev.ecsmedic.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/**
 * One process started as the benchmark times it, under {@code /usr/bin/time} for its peak RSS, with exactly the
 * environment given: either run to its exit ({@link #toExit}), or a runtime interface client served by its own
 * {@link RuntimeApi} and stopped once it has answered ({@link #runtime}).
 */
final class Launch {

    /** Lambda's java21 JIT and GC settings. */
    static final List<String> LAMBDA_FLAGS = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC");
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** What one launch gave: the time to its answer (or exit), its peak RSS, and each invocation's answer. */
    record Result(double seconds, double rssMb, List<RuntimeApi.Answer> answers) {}

    private final Path work;

    Launch(Path work) {
        this.work = work;
    }

    /** Runs {@code command} to its exit, which must be 0, and returns it with its standard output. */
    Result toExit(List<String> command, Map<String, String> env, Path output) throws Exception {
        long start = System.nanoTime();
        Process process = start(command, env, output);
        int status = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (status != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + status + ":\n"
                    + Files.readString(output));
        }
        return new Result(seconds, rssMb(), List.of());
    }

    /**
     * Starts {@code java FLAGS -cp CLASSPATH AWSLambda HANDLER} against a fresh Runtime API holding {@code events},
     * waits for every answer, then kills the process ({@code gently}: SIGTERM, so the JVM's exit-time work such as
     * writing a class-data archive happens; otherwise SIGKILL). The time is to the first answer.
     */
    Result runtime(List<String> flags, String classpath, String handler, Map<String, String> env, String arn,
                   IntSupplier calls, List<byte[]> events, boolean gently, Path output) throws Exception {
        try (RuntimeApi api = new RuntimeApi(arn, calls)) {
            List<CompletableFuture<RuntimeApi.Answer>> pending = events.stream().map(api::invoke).toList();
            List<String> command = new ArrayList<>(List.of(JAVA));
            command.addAll(LAMBDA_FLAGS);
            command.addAll(flags);
            command.addAll(List.of("-cp", classpath, "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                    handler));
            Map<String, String> lambda = new java.util.TreeMap<>(env);
            lambda.put("AWS_LAMBDA_RUNTIME_API", api.address());
            long start = System.nanoTime();
            Process process = start(command, lambda, output);
            List<RuntimeApi.Answer> answers = new ArrayList<>();
            try {
                for (CompletableFuture<RuntimeApi.Answer> answer : pending) {
                    answers.add(api.await(answer, process.onExit(), 120));
                }
            } catch (Exception e) {
                throw new IllegalStateException(handler + ": " + e.getMessage() + "\n" + Files.readString(output), e);
            } finally {
                process.children().forEach(gently ? ProcessHandle::destroy : ProcessHandle::destroyForcibly);
                process.waitFor();
            }
            return new Result((answers.get(0).nanos() - start) / 1e9, rssMb(), answers);
        }
    }

    private Process start(List<String> command, Map<String, String> env, Path output) throws IOException {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "%M", "-o", rssFile().toString()));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).directory(taskRoot().toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The peak RSS /usr/bin/time wrote last (its last line; a line before says when the process was killed). */
    private double rssMb() throws IOException {
        List<String> lines = Files.readAllLines(rssFile());
        return Long.parseLong(lines.get(lines.size() - 1).trim()) / 1024.0;
    }

    private Path rssFile() {
        return work.resolve("rss");
    }

    /** The working directory, empty: the client's own class loader finds no task code there but the class path's. */
    private Path taskRoot() throws IOException {
        return Files.createDirectories(work.resolve("task"));
    }
}
