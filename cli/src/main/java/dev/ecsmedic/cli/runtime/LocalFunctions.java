package dev.ecsmedic.cli.runtime;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.template.EventRouter;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.template.ScheduleSpec;
import dev.ecsmedic.testkit.EventRoutes;
import dev.ecsmedic.testkit.FunctionInvoker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every function of template.yaml, built from its Handler and resolved Environment as Lambda would, but with
 * clients on a local endpoint and a given clock: the simulator's way to run the real functions unchanged.
 * A handler class takes part through {@code static Remediator.Builder compose(AwsClients)} and a constructor
 * taking the built {@code Remediator}.
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
        LocalFunctions functions = new LocalFunctions(template);
        for (FunctionSpec spec : template.functions()) {
            functions.specs.put(spec.logicalId(), spec);
            functions.handlers.put(spec.logicalId(), handler(spec, clients, clock, log));
        }
        return functions;
    }

    static RequestStreamHandler handler(FunctionSpec spec, AwsClients clients, Clock clock, Consumer<String> log) {
        String className = spec.handler().split("::")[0];
        try {
            Class<?> type = Class.forName(className);
            Remediator.Builder builder = compose(type, clients, spec.environment());
            Remediator remediator = builder.settingsFrom(spec.environment()).clock(clock).log(log).build();
            return (RequestStreamHandler) type.getConstructor(Remediator.class).newInstance(remediator);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new IllegalStateException(spec.logicalId() + ": handler " + spec.handler()
                    + " cannot be wired locally: " + e, e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(spec.logicalId() + ": " + e.getCause(), e.getCause());
        }
    }

    /** {@code compose(AwsClients, Map)} for a function configured by its environment, else {@code compose(AwsClients)}. */
    private static Remediator.Builder compose(Class<?> type, AwsClients clients, Map<String, String> env)
            throws NoSuchMethodException, IllegalAccessException, InvocationTargetException {
        try {
            return (Remediator.Builder) type.getMethod("compose", AwsClients.class, Map.class).invoke(null, clients, env);
        } catch (NoSuchMethodException e) {
            return (Remediator.Builder) type.getMethod("compose", AwsClients.class).invoke(null, clients);
        }
    }

    @Override
    public String invoke(String functionLogicalId, byte[] event) throws Exception {
        RequestStreamHandler handler = handlers.get(functionLogicalId);
        if (handler == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId + " in the template");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FunctionSpec spec = specs.get(functionLogicalId);
        handler.handleRequest(new ByteArrayInputStream(event), out, LocalContext.start(UUID.randomUUID().toString(),
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
