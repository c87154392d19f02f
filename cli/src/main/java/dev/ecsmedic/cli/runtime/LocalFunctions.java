package dev.ecsmedic.cli.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.function.FunctionDefinition;
import dev.ecsmedic.core.function.FunctionHandler;
import dev.ecsmedic.core.function.Functions;
import dev.ecsmedic.template.EventRouter;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.template.ScheduleSpec;
import dev.ecsmedic.testkit.EventRoutes;
import dev.ecsmedic.testkit.FunctionInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Every function of template.yaml, composed from its definition in {@link Functions} with its resolved
 * Environment as Lambda would, but with clients on a local endpoint: the simulator's way to run the real
 * functions unchanged. A template function ecs-medic does not define, or whose Handler is not the definition's,
 * is an error.
 */
public final class LocalFunctions implements FunctionInvoker {

    private final SamTemplate template;
    private final Map<String, RequestStreamHandler> handlers = new LinkedHashMap<>();
    private final Map<String, FunctionSpec> specs = new LinkedHashMap<>();
    private java.util.Set<String> enabled = java.util.Set.of();

    private LocalFunctions(SamTemplate template) {
        this.template = template;
    }

    public static LocalFunctions wire(SamTemplate template, AwsClients clients, Clock clock, Consumer<String> log) {
        return wire(template, clients, builder -> builder.clock(clock).log(log));
    }

    /** {@code adjust} sets what a local run changes on each function as deployed: its clock, log, notifier. */
    public static LocalFunctions wire(SamTemplate template, AwsClients clients,
                                      UnaryOperator<Remediator.Builder> adjust) {
        LocalFunctions functions = new LocalFunctions(template);
        for (FunctionSpec spec : template.functions()) {
            FunctionDefinition definition = definition(spec);
            functions.specs.put(spec.logicalId(), spec);
            functions.handlers.put(spec.logicalId(), new FunctionHandler(
                    adjust.apply(definition.compose(clients, spec.environment())).build()));
        }
        return functions;
    }

    static FunctionDefinition definition(FunctionSpec spec) {
        FunctionDefinition definition = Functions.named(spec.logicalId()).orElseThrow(() -> new IllegalStateException(
                spec.logicalId() + ": not a function ecs-medic defines (" + Functions.ALL.stream()
                        .map(FunctionDefinition::name).toList() + ")"));
        if (!definition.handler().equals(spec.handler())) {
            throw new IllegalStateException(spec.logicalId() + ": template.yaml's Handler " + spec.handler()
                    + " is not the function's handler " + definition.handler());
        }
        return definition;
    }

    @Override
    public String invoke(String functionLogicalId, byte[] event) throws Exception {
        return invoke(functionLogicalId, event, UUID.randomUUID().toString());
    }

    @Override
    public String invoke(String functionLogicalId, byte[] event, String requestId) throws Exception {
        RequestStreamHandler handler = handlers.get(functionLogicalId);
        if (handler == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId + " in the template");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FunctionSpec spec = specs.get(functionLogicalId);
        handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.start(requestId,
                "arn:aws:lambda:us-east-1:123456789012:function:" + functionLogicalId, spec.environment(),
                spec.timeoutSeconds(), System.err));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Only these functions' rules and schedules deliver events (as if the others' were switched off); empty: all. */
    public LocalFunctions enabledOnly(java.util.Set<String> functions) {
        this.enabled = java.util.Set.copyOf(functions);
        return this;
    }

    public EventRoutes routes() {
        EventRouter router = new EventRouter(template);
        return enabled.isEmpty() ? router::functionsFor
                : event -> router.functionsFor(event).stream().filter(enabled::contains).toList();
    }

    /** Scheduled rules with a fixed rate, by function: what the runner fires as Scheduled Events. */
    public Map<String, Duration> schedules() {
        Map<String, Duration> schedules = new LinkedHashMap<>();
        for (FunctionSpec spec : specs.values()) {
            if (!enabled.isEmpty() && !enabled.contains(spec.logicalId())) {
                continue;
            }
            spec.schedules().stream().map(ScheduleSpec::period).flatMap(java.util.Optional::stream).findFirst()
                    .ifPresent(period -> schedules.put(spec.logicalId(), period));
        }
        return schedules;
    }
}
