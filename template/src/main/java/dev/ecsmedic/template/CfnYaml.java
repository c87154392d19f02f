package dev.ecsmedic.template;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;

/**
 * Reads a CloudFormation YAML template into the JSON form CloudFormation itself works on: short-form tags such as
 * {@code !Sub} become their long form ({@code {"Fn::Sub": ...}}), which plain YAML-to-JSON conversion would drop.
 */
final class CfnYaml {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, String> SHORT_FORMS = Map.of(
            "Ref", "Ref",
            "Condition", "Condition",
            "GetAtt", "Fn::GetAtt");

    private CfnYaml() {
    }

    static JsonNode read(Reader yaml) throws IOException {
        try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
            if (parser.nextToken() == null) {
                throw new TemplateException("template is empty");
            }
            return value(parser);
        }
    }

    private static JsonNode value(JsonParser parser) throws IOException {
        String tag = (String) parser.getTypeId();
        JsonNode plain = untagged(parser);
        if (tag == null) {
            return plain;
        }
        String name = SHORT_FORMS.getOrDefault(tag, "Fn::" + tag);
        JsonNode argument = plain;
        if (name.equals("Fn::GetAtt") && plain.isTextual()) {
            String text = plain.textValue();
            int dot = text.indexOf('.');
            if (dot <= 0) {
                throw new TemplateException("!GetAtt needs Resource.Attribute, got: " + text);
            }
            argument = NODES.arrayNode().add(text.substring(0, dot)).add(text.substring(dot + 1));
        }
        ObjectNode function = NODES.objectNode();
        function.set(name, argument);
        return function;
    }

    private static JsonNode untagged(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT: {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    parser.nextToken();
                    if (object.has(key)) {
                        throw new TemplateException("duplicate key '" + key + "' at " + parser.currentLocation());
                    }
                    object.set(key, value(parser));
                }
                return object;
            }
            case START_ARRAY: {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING:
                return NODES.textNode(parser.getText());
            case VALUE_NUMBER_INT:
                return NODES.numberNode(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT:
                return NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE:
            case VALUE_FALSE:
                return NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL:
                return NODES.nullNode();
            default:
                throw new TemplateException("unexpected YAML token " + token + " at " + parser.currentLocation());
        }
    }
}
