package dev.ecsmedic.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates CloudFormation intrinsic functions the way a stack deployment would, so tests see the values the
 * deployed resources get. References to resources cannot be known before deployment and stay symbolic:
 * {@code Ref X} becomes {@code "${X}"} and {@code GetAtt X.Y} becomes {@code "${X.Y}"}; but a {@code Ref} to a
 * DynamoDB table that the template names ({@code TableName}) is that name, as CloudFormation answers it.
 */
final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");
    private static final String NO_VALUE = "AWS::NoValue";

    private final Map<String, JsonNode> parameters;
    private final Map<String, String> pseudoParameters;
    private final Set<String> resourceIds;
    private final JsonNode resources;
    private final JsonNode conditionDefinitions;
    private final JsonNode mappings;
    private final Map<String, Boolean> conditions = new HashMap<>();
    private final Set<String> evaluating = new HashSet<>();

    Intrinsics(Map<String, JsonNode> parameters, Map<String, String> pseudoParameters, JsonNode resources,
            JsonNode conditionDefinitions, JsonNode mappings) {
        this.parameters = parameters;
        this.pseudoParameters = pseudoParameters;
        this.resources = resources;
        this.resourceIds = new HashSet<>();
        resources.fieldNames().forEachRemaining(resourceIds::add);
        this.conditionDefinitions = conditionDefinitions;
        this.mappings = mappings;
    }

    /** The resolved value, or {@code null} where the value is {@code AWS::NoValue} (the property is removed). */
    JsonNode resolve(JsonNode node) {
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : node) {
                JsonNode resolved = resolve(element);
                if (resolved != null) {
                    out.add(resolved);
                }
            }
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1) {
            String key = node.fieldNames().next();
            boolean conditionReference = key.equals("Condition") && node.get(key).isTextual()
                    && conditionDefinitions.has(node.get(key).textValue());
            if (key.equals("Ref") || key.startsWith("Fn::") || conditionReference) {
                return function(key, node.get(key));
            }
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode resolved = resolve(field.getValue());
            if (resolved != null) {
                out.set(field.getKey(), resolved);
            }
        }
        return out;
    }

    boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        JsonNode definition = conditionDefinitions.get(name);
        if (definition == null) {
            throw new TemplateException("condition '" + name + "' is not defined in Conditions");
        }
        if (!evaluating.add(name)) {
            throw new TemplateException("condition '" + name + "' refers to itself");
        }
        boolean value = asBoolean(resolve(definition), "condition " + name);
        evaluating.remove(name);
        conditions.put(name, value);
        return value;
    }

    private JsonNode function(String name, JsonNode argument) {
        switch (name) {
            case "Ref":
                return ref(text(argument, "Ref"));
            case "Condition":
                return NODES.booleanNode(condition(text(argument, "Condition")));
            case "Fn::GetAtt":
                return getAtt(argument);
            case "Fn::Sub":
                return sub(argument);
            case "Fn::Join":
                return join(argument);
            case "Fn::Split":
                return split(argument);
            case "Fn::Select":
                return select(argument);
            case "Fn::If":
                return ifFunction(argument);
            case "Fn::Equals":
                return equalsFunction(argument);
            case "Fn::Not": {
                JsonNode operands = list(argument, name, 1);
                return NODES.booleanNode(!asBoolean(resolve(operands.get(0)), name));
            }
            case "Fn::And":
            case "Fn::Or":
                return andOr(name, argument);
            case "Fn::FindInMap":
                return findInMap(argument);
            default: {
                ObjectNode unevaluated = NODES.objectNode();
                JsonNode resolved = resolve(argument);
                unevaluated.set(name, resolved == null ? NODES.nullNode() : resolved);
                return unevaluated;
            }
        }
    }

    private JsonNode ref(String target) {
        if (target.equals(NO_VALUE)) {
            return null;
        }
        JsonNode parameter = parameters.get(target);
        if (parameter != null) {
            return parameter;
        }
        String pseudo = pseudoParameters.get(target);
        if (pseudo != null) {
            return NODES.textNode(pseudo);
        }
        if (resourceIds.contains(target)) {
            JsonNode resource = resources.get(target);
            JsonNode name = resource.path("Properties").get("TableName");
            return "AWS::DynamoDB::Table".equals(resource.path("Type").asText()) && name != null ? resolve(name)
                    : NODES.textNode("${" + target + "}");
        }
        throw new TemplateException("Ref to '" + target + "', which is no parameter, pseudo parameter or resource");
    }

    private JsonNode getAtt(JsonNode argument) {
        JsonNode resolved = resolve(argument);
        JsonNode parts = resolved != null && resolved.isTextual()
                ? NODES.arrayNode().addAll(splitOnce(resolved.textValue()))
                : list(resolved, "Fn::GetAtt", 2);
        String resource = text(parts.get(0), "Fn::GetAtt");
        if (!resourceIds.contains(resource)) {
            throw new TemplateException("Fn::GetAtt on '" + resource + "', which is no resource");
        }
        return NODES.textNode("${" + resource + "." + text(parts.get(1), "Fn::GetAtt") + "}");
    }

    private static ArrayNode splitOnce(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0) {
            throw new TemplateException("Fn::GetAtt needs Resource.Attribute, got: " + text);
        }
        return NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
    }

    private JsonNode sub(JsonNode argument) {
        String template;
        Map<String, String> variables = new HashMap<>();
        if (argument.isTextual()) {
            template = argument.textValue();
        } else {
            JsonNode parts = list(argument, "Fn::Sub", 2);
            template = text(parts.get(0), "Fn::Sub");
            JsonNode map = parts.get(1);
            if (!map.isObject()) {
                throw new TemplateException("Fn::Sub variables must be a map");
            }
            map.fields().forEachRemaining(e -> variables.put(e.getKey(), scalarText(resolve(e.getValue()),
                    "Fn::Sub variable " + e.getKey())));
        }
        Matcher matcher = SUB_VARIABLE.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String variable = matcher.group(1);
            String replacement;
            if (variable.startsWith("!")) {
                replacement = "${" + variable.substring(1) + "}";
            } else if (variables.containsKey(variable)) {
                replacement = variables.get(variable);
            } else if (variable.contains(".")) {
                String resource = variable.substring(0, variable.indexOf('.'));
                if (!resourceIds.contains(resource)) {
                    throw new TemplateException("Fn::Sub refers to '" + variable + "', but '" + resource
                            + "' is no resource");
                }
                replacement = "${" + variable + "}";
            } else {
                JsonNode value = ref(variable);
                replacement = scalarText(value, "Fn::Sub variable " + variable);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return NODES.textNode(out.toString());
    }

    private JsonNode join(JsonNode argument) {
        JsonNode parts = list(argument, "Fn::Join", 2);
        String delimiter = scalarText(resolve(parts.get(0)), "Fn::Join delimiter");
        JsonNode values = resolve(parts.get(1));
        if (values == null || !values.isArray()) {
            throw new TemplateException("Fn::Join needs a list of values, got: " + values);
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            out.append(scalarText(values.get(i), "Fn::Join value"));
        }
        return NODES.textNode(out.toString());
    }

    private JsonNode split(JsonNode argument) {
        JsonNode parts = list(argument, "Fn::Split", 2);
        String delimiter = scalarText(resolve(parts.get(0)), "Fn::Split delimiter");
        String source = scalarText(resolve(parts.get(1)), "Fn::Split source");
        ArrayNode out = NODES.arrayNode();
        int from = 0;
        int at;
        while ((at = source.indexOf(delimiter, from)) >= 0 && !delimiter.isEmpty()) {
            out.add(source.substring(from, at));
            from = at + delimiter.length();
        }
        out.add(source.substring(from));
        return out;
    }

    private JsonNode select(JsonNode argument) {
        JsonNode parts = list(argument, "Fn::Select", 2);
        String indexText = scalarText(resolve(parts.get(0)), "Fn::Select index");
        int index;
        try {
            index = Integer.parseInt(indexText);
        } catch (NumberFormatException e) {
            throw new TemplateException("Fn::Select index is not a number: " + indexText);
        }
        JsonNode values = resolve(parts.get(1));
        if (values == null || !values.isArray()) {
            throw new TemplateException("Fn::Select needs a list, got: " + values);
        }
        if (index < 0 || index >= values.size()) {
            throw new TemplateException("Fn::Select index " + index + " is outside a list of " + values.size());
        }
        return values.get(index);
    }

    private JsonNode ifFunction(JsonNode argument) {
        JsonNode parts = list(argument, "Fn::If", 3);
        boolean chosen = condition(text(parts.get(0), "Fn::If"));
        return resolve(parts.get(chosen ? 1 : 2));
    }

    private JsonNode equalsFunction(JsonNode argument) {
        JsonNode parts = list(argument, "Fn::Equals", 2);
        JsonNode left = resolve(parts.get(0));
        JsonNode right = resolve(parts.get(1));
        if (left == null || right == null) {
            return NODES.booleanNode(left == right);
        }
        if (left.isValueNode() && right.isValueNode()) {
            return NODES.booleanNode(left.asText().equals(right.asText()));
        }
        return NODES.booleanNode(left.equals(right));
    }

    private JsonNode andOr(String name, JsonNode argument) {
        if (!argument.isArray() || argument.size() < 2 || argument.size() > 10) {
            throw new TemplateException(name + " takes 2 to 10 conditions, got: " + argument);
        }
        boolean and = name.equals("Fn::And");
        boolean result = and;
        for (JsonNode operand : argument) {
            boolean value = asBoolean(resolve(operand), name);
            result = and ? result && value : result || value;
        }
        return NODES.booleanNode(result);
    }

    private JsonNode findInMap(JsonNode argument) {
        JsonNode parts = list(argument, "Fn::FindInMap", 3);
        String map = scalarText(resolve(parts.get(0)), "Fn::FindInMap map");
        String top = scalarText(resolve(parts.get(1)), "Fn::FindInMap key");
        String second = scalarText(resolve(parts.get(2)), "Fn::FindInMap key");
        JsonNode value = mappings.path(map).path(top).get(second);
        if (value == null) {
            throw new TemplateException("Fn::FindInMap found nothing at " + map + "/" + top + "/" + second);
        }
        return resolve(value);
    }

    private static JsonNode list(JsonNode argument, String function, int size) {
        if (argument == null || !argument.isArray() || argument.size() != size) {
            throw new TemplateException(function + " takes a list of " + size + ", got: " + argument);
        }
        return argument;
    }

    private static String text(JsonNode node, String function) {
        if (node == null || !node.isTextual()) {
            throw new TemplateException(function + " needs a name, got: " + node);
        }
        return node.textValue();
    }

    private static boolean asBoolean(JsonNode node, String where) {
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        throw new TemplateException(where + " does not evaluate to true or false: " + node);
    }

    static String scalarText(JsonNode node, String where) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            throw new TemplateException(where + " must be a single value, got: " + node);
        }
        return node.asText();
    }
}
