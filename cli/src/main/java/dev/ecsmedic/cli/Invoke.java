package dev.ecsmedic.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.runtime.LocalInvocation;
import dev.ecsmedic.core.InvocationClock;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sam local invoke} without Docker: one function of template.yaml, one event, in a fresh JVM. */
@Command(name = "invoke", sortOptions = false,
        description = {"Invokes a function of template.yaml once, as Lambda's Java runtime would, without Docker.",
                "The function's result is printed on stdout, its log on stderr."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:the function returned", "1:the function threw, timed out or could not start",
                "2:bad arguments, template or event file"})
final class Invoke implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FUNCTION_LOGICAL_ID",
            description = "The function's logical id; may be left out when the template has only one function.")
    String functionId;

    @ArgGroup(exclusive = true)
    EventSource event = new EventSource();

    static final class EventSource {
        @Option(names = {"-e", "--event"}, paramLabel = "PATH",
                description = "The JSON event file; - reads it from stdin.")
        String path;

        @Option(names = "--no-event", description = "Invokes the function with an empty event ({}), the default.")
        boolean none;
    }

    @Option(names = {"-n", "--env-vars"}, paramLabel = "PATH",
            description = "JSON file of environment variable values: {\"Parameters\": {...}, \"FunctionLogicalId\": {...}}.")
    Path envVars;

    @Mixin
    TemplateOptions template;

    @Mixin
    AccountOptions account;

    @Override
    public Integer call() throws IOException {
        byte[] payload = InvokeEvent.read(event.path, System.in, spec.commandLine().getErr());
        if (account.simulate == null) {
            return invoke(payload, template.region(), Map.of(), account.endpointUrl == null ? Map.of()
                    : Map.of("aws.endpointUrl", account.endpointUrl.toString()));
        }
        try (SimulatedAccount simulated = SimulatedAccount.start(account.simulate)) {
            spec.commandLine().getErr().println(simulated.describe());
            String region = template.region == null ? SimulatedAccount.REGION : template.region;
            Simulation.provision(template.load(simulated.parameterDefaults(), region), simulated.world());
            return invoke(payload, region,
                    simulated.parameterDefaults(),
                    Map.of("aws.endpointUrl", simulated.simulator().endpoint().toString(),
                            InvocationClock.PROPERTY, simulated.world().now().toString()),
                    SimulatedAccount.CREDENTIALS);
        }
    }

    private int invoke(byte[] payload, String region, Map<String, String> parameterDefaults,
                       Map<String, String> properties) throws IOException {
        return invoke(payload, region, parameterDefaults, properties, Map.of());
    }

    private int invoke(byte[] payload, String region, Map<String, String> parameterDefaults,
                       Map<String, String> properties, Map<String, String> environment) throws IOException {
        SamTemplate stack = template.load(parameterDefaults, region);
        FunctionSpec function = function(stack);
        LocalInvocation.Variables variables = LocalInvocation.variables(function, envVarsFile());
        if (!variables.ignored().isEmpty()) {
            spec.commandLine().getErr().println("ignored --env-vars not declared by " + function.logicalId()
                    + " in the template: " + String.join(", ", variables.ignored()));
        }
        LocalInvocation invocation = new LocalInvocation(function, region,
                SamTemplate.DEFAULT_PSEUDO_PARAMETERS.get("AWS::AccountId"), System.getenv(), environment, properties);
        return invocation.run(payload, variables.values(), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    private FunctionSpec function(SamTemplate stack) {
        List<FunctionSpec> functions = stack.functions();
        if (functionId == null) {
            if (functions.size() != 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the template has " + functions.size()
                        + " functions; name one of " + functions.stream().map(FunctionSpec::logicalId).toList());
            }
            return functions.get(0);
        }
        return stack.function(functionId).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "no function " + functionId + " in " + template.template + "; functions: "
                        + functions.stream().map(FunctionSpec::logicalId).toList()));
    }

    private Map<String, Map<String, String>> envVarsFile() throws IOException {
        if (envVars == null) {
            return Map.of();
        }
        return JSON.readValue(envVars.toFile(), new TypeReference<Map<String, Map<String, String>>>() {});
    }
}
