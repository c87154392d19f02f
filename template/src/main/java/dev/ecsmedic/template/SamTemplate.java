package dev.ecsmedic.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * template.yaml as a deployed stack would see it: parameters bound, SAM Globals merged, intrinsic functions
 * evaluated. Tests use it to check what the functions get and which events reach them without deploying.
 */
public final class SamTemplate {
    public static final Map<String, String> DEFAULT_PSEUDO_PARAMETERS = Map.of(
            "AWS::Region", "us-east-1",
            "AWS::AccountId", "123456789012",
            "AWS::Partition", "aws",
            "AWS::StackName", "ecs-medic",
            "AWS::URLSuffix", "amazonaws.com");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    private final Map<String, ParameterSpec> parameters;
    private final Map<String, JsonNode> resources;
    private Map<String, JsonNode> outputs = Map.of();
    private final Intrinsics intrinsics;
    private final List<FunctionSpec> functions;

    private SamTemplate(Map<String, ParameterSpec> parameters, Map<String, JsonNode> resources, Intrinsics intrinsics) {
        this.parameters = Collections.unmodifiableMap(parameters);
        this.resources = Collections.unmodifiableMap(resources);
        this.intrinsics = intrinsics;
        List<FunctionSpec> specs = new ArrayList<>();
        resources.forEach((id, resource) -> {
            if (SERVERLESS_FUNCTION.equals(resource.path("Type").asText())) {
                specs.add(function(id, resource));
            }
        });
        this.functions = List.copyOf(specs);
    }

    public static SamTemplate load(Path templateFile, Map<String, String> parameterOverrides) {
        return load(templateFile, parameterOverrides, Map.of());
    }

    /**
     * @param pseudoParameters values that replace or add to {@link #DEFAULT_PSEUDO_PARAMETERS}
     */
    public static SamTemplate load(Path templateFile, Map<String, String> parameterOverrides,
            Map<String, String> pseudoParameters) {
        JsonNode root;
        try (Reader reader = Files.newBufferedReader(templateFile, StandardCharsets.UTF_8)) {
            root = CfnYaml.read(reader);
        } catch (IOException e) {
            throw new TemplateException("cannot read " + templateFile + ": " + e.getMessage(), e);
        }
        if (!root.isObject() || !root.path("Resources").isObject()) {
            throw new TemplateException(templateFile + " has no Resources map");
        }
        Map<String, String> pseudo = new HashMap<>(DEFAULT_PSEUDO_PARAMETERS);
        pseudo.putAll(pseudoParameters);
        pseudo.putIfAbsent("AWS::StackId", "arn:" + pseudo.get("AWS::Partition") + ":cloudformation:"
                + pseudo.get("AWS::Region") + ":" + pseudo.get("AWS::AccountId") + ":stack/"
                + pseudo.get("AWS::StackName") + "/00000000-0000-0000-0000-000000000000");

        Map<String, ParameterSpec> parameters = bindParameters(root.path("Parameters"), parameterOverrides);
        Map<String, JsonNode> parameterValues = new HashMap<>();
        parameters.forEach((name, spec) -> parameterValues.put(name, refValue(spec)));

        JsonNode rawResources = root.get("Resources");
        Intrinsics intrinsics = new Intrinsics(parameterValues, pseudo, rawResources,
                root.path("Conditions").isObject() ? root.get("Conditions") : NODES.objectNode(),
                root.path("Mappings").isObject() ? root.get("Mappings") : NODES.objectNode());

        JsonNode functionGlobals = root.path("Globals").get("Function");
        Map<String, JsonNode> resolved = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> entries = rawResources.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            JsonNode resource = entry.getValue();
            if (!resource.isObject() || !resource.path("Type").isTextual()) {
                throw new TemplateException("resource " + entry.getKey() + " has no Type");
            }
            if (resource.path("Condition").isTextual() && !intrinsics.condition(resource.get("Condition").textValue())) {
                continue;
            }
            if (functionGlobals != null && SERVERLESS_FUNCTION.equals(resource.get("Type").textValue())) {
                ObjectNode merged = ((ObjectNode) resource).deepCopy();
                merged.set("Properties", SamGlobals.merge(functionGlobals, resource.get("Properties")));
                resource = merged;
            }
            resolved.put(entry.getKey(), intrinsics.resolve(resource));
        }
        Map<String, JsonNode> outputs = new LinkedHashMap<>();
        root.path("Outputs").fields().forEachRemaining(output -> {
            JsonNode condition = output.getValue().path("Condition");
            if (!condition.isTextual() || intrinsics.condition(condition.textValue())) {
                outputs.put(output.getKey(), intrinsics.resolve(output.getValue().path("Value")));
            }
        });
        SamTemplate template = new SamTemplate(parameters, resolved, intrinsics);
        template.outputs = Collections.unmodifiableMap(outputs);
        return template;
    }

    public List<FunctionSpec> functions() {
        return functions;
    }

    public Optional<FunctionSpec> function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst();
    }

    public Map<String, ParameterSpec> parameters() {
        return parameters;
    }

    /** Every resource whose Condition holds, resolved, by logical id in template order. */
    public Map<String, JsonNode> resources() {
        return resources;
    }

    /** Every output whose Condition holds: its resolved value, by name in template order. */
    public Map<String, JsonNode> outputs() {
        return outputs;
    }

    public JsonNode resource(String logicalId) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new TemplateException("no resource " + logicalId + " (or its Condition is false)");
        }
        return resource;
    }

    public Map<String, JsonNode> resourcesOfType(String type) {
        Map<String, JsonNode> matching = new LinkedHashMap<>();
        resources.forEach((id, resource) -> {
            if (type.equals(resource.path("Type").asText())) {
                matching.put(id, resource);
            }
        });
        return matching;
    }

    public boolean condition(String name) {
        return intrinsics.condition(name);
    }

    private static Map<String, ParameterSpec> bindParameters(JsonNode declared, Map<String, String> overrides) {
        Map<String, ParameterSpec> bound = new LinkedHashMap<>();
        Set<String> unknown = new HashSet<>(overrides.keySet());
        Iterator<Map.Entry<String, JsonNode>> entries = declared.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String name = entry.getKey();
            JsonNode definition = entry.getValue();
            unknown.remove(name);
            String type = definition.path("Type").asText("String");
            Optional<String> defaultValue = Optional.ofNullable(definition.get("Default")).map(SamTemplate::parameterText);
            List<String> allowed = new ArrayList<>();
            definition.path("AllowedValues").forEach(v -> allowed.add(v.asText()));
            String value = overrides.containsKey(name) ? overrides.get(name) : defaultValue.orElseThrow(() ->
                    new TemplateException("parameter " + name + " has no Default and no override was given"));
            validate(name, definition, type, allowed, value);
            bound.put(name, new ParameterSpec(name, type, defaultValue, allowed, value));
        }
        if (!unknown.isEmpty()) {
            throw new TemplateException("overrides for parameters the template does not declare: "
                    + new TreeMap<>(overrides).keySet().stream().filter(unknown::contains).toList());
        }
        return bound;
    }

    private static String parameterText(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(v -> items.add(v.asText()));
            return String.join(",", items);
        }
        return value.asText();
    }

    private static void validate(String name, JsonNode definition, String type, List<String> allowed, String value) {
        if (!allowed.isEmpty() && !allowed.contains(value)) {
            throw new TemplateException("parameter " + name + " = '" + value + "' is not one of " + allowed);
        }
        JsonNode pattern = definition.get("AllowedPattern");
        if (pattern != null && !value.matches(pattern.asText())) {
            throw new TemplateException("parameter " + name + " = '" + value + "' does not match AllowedPattern "
                    + pattern.asText());
        }
        if (definition.has("MinLength") && value.length() < definition.get("MinLength").asInt()
                || definition.has("MaxLength") && value.length() > definition.get("MaxLength").asInt()) {
            throw new TemplateException("parameter " + name + " = '" + value + "' has a length outside its bounds");
        }
        if (type.equals("Number")) {
            BigDecimal number;
            try {
                number = new BigDecimal(value.trim());
            } catch (NumberFormatException e) {
                throw new TemplateException("parameter " + name + " must be a Number, got '" + value + "'");
            }
            if (definition.has("MinValue") && number.compareTo(definition.get("MinValue").decimalValue()) < 0
                    || definition.has("MaxValue") && number.compareTo(definition.get("MaxValue").decimalValue()) > 0) {
                throw new TemplateException("parameter " + name + " = " + value + " is outside its MinValue/MaxValue");
            }
        }
    }

    private static JsonNode refValue(ParameterSpec parameter) {
        String type = parameter.type();
        if (type.equals("CommaDelimitedList") || type.startsWith("List<")) {
            ArrayNode list = NODES.arrayNode();
            for (String item : parameter.value().split(",", -1)) {
                list.add(item.trim());
            }
            return list;
        }
        return NODES.textNode(parameter.value());
    }

    private static FunctionSpec function(String logicalId, JsonNode resource) {
        JsonNode properties = resource.path("Properties");
        List<String> architectures = new ArrayList<>();
        properties.path("Architectures").forEach(a -> architectures.add(a.asText()));
        if (architectures.isEmpty()) {
            architectures.add("x86_64");
        }
        Map<String, String> environment = new TreeMap<>();
        properties.path("Environment").path("Variables").fields().forEachRemaining(e ->
                environment.put(e.getKey(), Intrinsics.scalarText(e.getValue(),
                        logicalId + " environment variable " + e.getKey())));
        List<EventRule> rules = new ArrayList<>();
        List<ScheduleSpec> schedules = new ArrayList<>();
        properties.path("Events").fields().forEachRemaining(e -> {
            String name = e.getKey();
            JsonNode event = e.getValue();
            JsonNode eventProperties = event.path("Properties");
            switch (event.path("Type").asText()) {
                case "EventBridgeRule", "CloudWatchEvent" -> {
                    JsonNode pattern = eventProperties.get("Pattern");
                    if (pattern == null || !pattern.isObject()) {
                        throw new TemplateException(logicalId + " event " + name + " has no Pattern");
                    }
                    if (enabled(eventProperties)) {
                        rules.add(new EventRule(name, pattern.toString()));
                    }
                }
                case "Schedule" -> schedules.add(ScheduleSpec.parse(name,
                        Intrinsics.scalarText(eventProperties.get("Schedule"), logicalId + " schedule " + name)));
                case "ScheduleV2" -> schedules.add(ScheduleSpec.parse(name,
                        Intrinsics.scalarText(eventProperties.get("ScheduleExpression"),
                                logicalId + " schedule " + name)));
                default -> {
                }
            }
        });
        return new FunctionSpec(logicalId,
                properties.path("Handler").asText(""),
                codeUri(properties.get("CodeUri")),
                resource.path("Metadata").path("BuildMethod").asText(""),
                properties.path("Runtime").asText(""),
                architectures,
                intProperty(properties, "Timeout", 3, logicalId),
                intProperty(properties, "MemorySize", 128, logicalId),
                environment, rules, schedules);
    }

    /** A rule whose {@code State} is DISABLED (or {@code Enabled} false) receives no events. */
    private static boolean enabled(JsonNode eventProperties) {
        return !"DISABLED".equals(eventProperties.path("State").asText("ENABLED"))
                && eventProperties.path("Enabled").asBoolean(true);
    }

    private static String codeUri(JsonNode codeUri) {
        if (codeUri == null) {
            return "";
        }
        if (codeUri.isObject()) {
            return "s3://" + codeUri.path("Bucket").asText() + "/" + codeUri.path("Key").asText();
        }
        return codeUri.asText();
    }

    private static int intProperty(JsonNode properties, String name, int samDefault, String logicalId) {
        JsonNode value = properties.get(name);
        if (value == null) {
            return samDefault;
        }
        try {
            return Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new TemplateException(logicalId + " " + name + " is not a whole number: " + value);
        }
    }
}
