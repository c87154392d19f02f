package dev.ecsmedic.cli.runtime;

import dev.ecsmedic.template.FunctionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Runs one function invocation in a child JVM on this JVM's class path, with exactly the environment Lambda would
 * give the function: its template variables and Lambda's reserved ones. A child process is the one place the
 * handler's no-argument constructor, the SDK's credential, region and endpoint chains all read that environment
 * unchanged, as in Lambda, without a seam in the functions; it also gives a cold start per invocation and a
 * timeout that kills.
 */
public final class LocalInvocation {

    /** Variables of this shell the child keeps: the SDK's own settings, and what a JVM needs to start. */
    private static final List<String> PASSED_PREFIXES = List.of("AWS_");
    private static final List<String> PASSED_NAMES = List.of("HOME", "PATH", "USER", "LANG", "TMPDIR",
            "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY");

    private final FunctionSpec function;
    private final String region;
    private final String accountId;
    private final Map<String, String> shell;
    private final Map<String, String> extraEnvironment;
    private final Map<String, String> systemProperties;

    /** {@code extraEnvironment} goes over this shell's variables; {@code systemProperties} are the child JVM's -D. */
    public LocalInvocation(FunctionSpec function, String region, String accountId, Map<String, String> shell,
                           Map<String, String> extraEnvironment, Map<String, String> systemProperties) {
        this.function = function;
        this.region = region;
        this.accountId = accountId;
        this.shell = Map.copyOf(shell);
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.systemProperties = Map.copyOf(systemProperties);
    }

    /** Runs the function on {@code event}; its result goes to {@code out}, its log to {@code err}. */
    public int run(byte[] event, Map<String, String> variables, PrintWriter out, PrintWriter err) {
        String requestId = UUID.randomUUID().toString();
        ProcessBuilder builder = new ProcessBuilder(command(requestId));
        builder.environment().clear();
        builder.environment().putAll(environment(variables));
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start java for the function", e);
        }
        Thread stop = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            Thread log = pump(process.getErrorStream(), err);
            Thread result = pump(process.getInputStream(), out);
            try (OutputStream stdin = process.getOutputStream()) {
                stdin.write(event);
            } catch (IOException e) {
                err.write("the function did not read its event: " + e.getMessage() + System.lineSeparator());
            }
            int status = process.waitFor();
            log.join();
            result.join();
            return status;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return LocalRuntime.FUNCTION_ERROR;
        } finally {
            Runtime.getRuntime().removeShutdownHook(stop);
        }
    }

    private List<String> command(String requestId) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:MaxHeapSize=" + Math.max(64, function.memoryMb() * 85 / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        new TreeMap<>(systemProperties).forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LocalRuntime.class.getName());
        command.add(requestId);
        command.add(Integer.toString(function.timeoutSeconds()));
        command.add(functionArn());
        return command;
    }

    /** Lambda's reserved variables, then the function's own; nothing else of this shell but the SDK's settings. */
    public Map<String, String> environment(Map<String, String> variables) {
        Map<String, String> env = new TreeMap<>();
        shell.forEach((name, value) -> {
            if (PASSED_NAMES.contains(name) || PASSED_PREFIXES.stream().anyMatch(name::startsWith)) {
                env.put(name, value);
            }
        });
        env.putAll(extraEnvironment);
        String name = function.logicalId();
        env.put("_HANDLER", function.handler());
        env.put("AWS_REGION", region);
        env.put("AWS_DEFAULT_REGION", region);
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_" + function.runtime());
        env.put("AWS_LAMBDA_FUNCTION_NAME", name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + name);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        env.put("TZ", ":UTC");
        env.putAll(variables);
        return env;
    }

    /**
     * The function's variables as {@code sam local invoke --env-vars} makes them: the template's, overridden by the
     * file's {@code Parameters}, then by its entry for this function; names the template does not declare are not
     * added (returned in {@code ignored}).
     */
    public static Variables variables(FunctionSpec function, Map<String, Map<String, String>> envVarsFile) {
        Map<String, String> overrides = new LinkedHashMap<>(envVarsFile.getOrDefault("Parameters", Map.of()));
        overrides.putAll(envVarsFile.getOrDefault(function.logicalId(), Map.of()));
        Map<String, String> variables = new TreeMap<>(function.environment());
        List<String> ignored = new ArrayList<>();
        overrides.forEach((name, value) -> {
            if (variables.containsKey(name)) {
                variables.put(name, value);
            } else {
                ignored.add(name);
            }
        });
        return new Variables(variables, ignored);
    }

    public record Variables(Map<String, String> values, List<String> ignored) {}

    private String functionArn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + function.logicalId();
    }

    private static Thread pump(InputStream from, Writer to) {
        Thread thread = new Thread(() -> {
            try (Reader reader = new InputStreamReader(from, StandardCharsets.UTF_8)) {
                char[] buffer = new char[8192];
                for (int n; (n = reader.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "function-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
