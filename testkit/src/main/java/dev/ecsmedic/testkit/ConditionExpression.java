package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DynamoDB condition expression, parsed and evaluated against an item, for the part of the documented grammar
 * a claim needs:
 * <pre>
 * condition ::= operand comparator operand | function | condition AND condition | condition OR condition
 *             | NOT condition | ( condition )
 * comparator ::= = | &lt;&gt; | &lt; | &lt;= | &gt; | &gt;=
 * function ::= attribute_exists (path) | attribute_not_exists (path)
 * operand ::= path | :value        path ::= name | #name (top-level attributes only)
 * </pre>
 * NOT binds tighter than AND, AND tighter than OR; keywords are case-insensitive, function names are not.
 * Comparisons follow DynamoDB: values of different types, or a missing attribute, are never equal (so
 * {@code <>} holds) nor ordered; N compares numerically, S by its UTF-8 bytes. BETWEEN, IN, the other
 * functions and nested document paths are refused as a ValidationException, like any other expression error.
 */
final class ConditionExpression {
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*(?:(?<ref>[#:][A-Za-z0-9_]+)|(?<word>[A-Za-z_][A-Za-z0-9_]*)|(?<op><>|<=|>=|[=<>(),])|(?<other>\\S))");
    private static final Set<String> OTHER_FUNCTIONS = Set.of("attribute_type", "begins_with", "contains", "size");
    private static final String EOF = "<EOF>";

    private final Predicate<JsonNode> test;
    private final Set<String> namesUsed;
    private final Set<String> valuesUsed;

    private ConditionExpression(Predicate<JsonNode> test, Set<String> namesUsed, Set<String> valuesUsed) {
        this.test = test;
        this.namesUsed = namesUsed;
        this.valuesUsed = valuesUsed;
    }

    /**
     * Parses {@code text} with its substitutions; an undefined {@code #name} or {@code :value} is an error here,
     * an unused one is for the caller to judge against all of a request's expressions.
     */
    static ConditionExpression parse(String text, Map<String, String> names, Map<String, JsonNode> values) {
        Parser parser = new Parser(tokens(text), names, values);
        Predicate<JsonNode> test = parser.or();
        parser.expect(EOF);
        return new ConditionExpression(test, parser.namesUsed, parser.valuesUsed);
    }

    /** Whether the condition holds for {@code item} (null when no item has the key). */
    boolean test(JsonNode item) {
        return test.test(item);
    }

    Set<String> namesUsed() {
        return namesUsed;
    }

    Set<String> valuesUsed() {
        return valuesUsed;
    }

    static AwsError invalid(String detail) {
        return new AwsError(400, "ValidationException", "Invalid ConditionExpression: " + detail);
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (m.find(at) && m.start() == at) {
            String token = m.group(m.group("ref") != null ? "ref" : m.group("word") != null ? "word"
                    : m.group("op") != null ? "op" : "other");
            tokens.add(token);
            at = m.end();
        }
        tokens.add(EOF);
        return tokens;
    }

    /** An operand: an attribute's value in the item, or a substituted value; null when the attribute is absent. */
    private interface Operand {
        JsonNode value(JsonNode item);
    }

    /** Recursive descent over the tokens, recording which substitutions the expression uses. */
    private static final class Parser {
        private final List<String> tokens;
        private final Map<String, String> names;
        private final Map<String, JsonNode> values;
        private final Set<String> namesUsed = new LinkedHashSet<>();
        private final Set<String> valuesUsed = new LinkedHashSet<>();
        private int at;

        Parser(List<String> tokens, Map<String, String> names, Map<String, JsonNode> values) {
            this.tokens = tokens;
            this.names = names;
            this.values = values;
        }

        Predicate<JsonNode> or() {
            Predicate<JsonNode> left = and();
            while (keyword("OR")) {
                left = left.or(and());
            }
            return left;
        }

        private Predicate<JsonNode> and() {
            Predicate<JsonNode> left = not();
            while (keyword("AND")) {
                left = left.and(not());
            }
            return left;
        }

        private Predicate<JsonNode> not() {
            return keyword("NOT") ? not().negate() : primary();
        }

        private Predicate<JsonNode> primary() {
            if (peek().equals("(")) {
                at++;
                Predicate<JsonNode> inner = or();
                expect(")");
                return inner;
            }
            if (at + 1 < tokens.size() && tokens.get(at + 1).equals("(")) {
                return function();
            }
            Operand left = operand();
            String comparator = next();
            if (!List.of("=", "<>", "<", "<=", ">", ">=").contains(comparator)) {
                at--;
                throw syntaxError();
            }
            Operand right = operand();
            return item -> compare(left.value(item), comparator, right.value(item));
        }

        private Predicate<JsonNode> function() {
            String function = next();
            boolean exists = function.equals("attribute_exists");
            if (!exists && !function.equals("attribute_not_exists")) {
                at--;
                throw OTHER_FUNCTIONS.contains(function) ? invalid("Function not simulated; function: " + function)
                        : peek().matches("[A-Za-z_]\\w*") ? invalid("Invalid function name; function: " + function)
                        : syntaxError();
            }
            expect("(");
            if (peek().startsWith(":")) {
                throw invalid("Operator or function requires a document path; operator or function: " + function);
            }
            String name = path();
            expect(")");
            return item -> exists == (item != null && item.has(name));
        }

        private Operand operand() {
            String token = peek();
            if (token.startsWith(":")) {
                at++;
                JsonNode value = values.get(token);
                if (value == null) {
                    throw invalid("An expression attribute value used in expression is not defined; "
                            + "attribute value: " + token);
                }
                valuesUsed.add(token);
                return item -> value;
            }
            String name = path();
            return item -> item == null ? null : item.get(name);
        }

        /** A top-level attribute name, given plainly or as a {@code #name} substitution. */
        private String path() {
            String token = next();
            String name;
            if (token.startsWith("#")) {
                name = names.get(token);
                if (name == null) {
                    throw invalid("An expression attribute name used in the document path is not defined; "
                            + "attribute name: " + token);
                }
                namesUsed.add(token);
            } else if (token.matches("[A-Za-z_]\\w*") && !isKeyword(token)) {
                name = token;
            } else {
                at--;
                throw syntaxError();
            }
            if (peek().equals(".") || peek().equals("[")) {
                throw invalid("Nested document paths are not simulated; path: " + token + peek());
            }
            return name;
        }

        void expect(String token) {
            if (!peek().equals(token)) {
                throw syntaxError();
            }
            at++;
        }

        private boolean keyword(String word) {
            if (peek().equalsIgnoreCase(word)) {
                at++;
                return true;
            }
            return false;
        }

        private static boolean isKeyword(String token) {
            return List.of("AND", "OR", "NOT", "BETWEEN", "IN").contains(token.toUpperCase());
        }

        private String peek() {
            return tokens.get(at);
        }

        private String next() {
            return tokens.get(at++);
        }

        /** AWS's wording: the offending token, and the text near it. */
        private AwsError syntaxError() {
            String token = peek();
            String near = at == 0 ? token : tokens.get(at - 1) + (token.equals(EOF) ? "" : " " + token);
            return invalid("Syntax error; token: \"" + token + "\", near: \"" + near + "\"");
        }
    }

    private static boolean compare(JsonNode a, String comparator, JsonNode b) {
        if (comparator.equals("=") || comparator.equals("<>")) {
            return equal(a, b) == comparator.equals("=");
        }
        Integer order = order(a, b);
        return switch (comparator) {
            case "<" -> order != null && order < 0;
            case "<=" -> order != null && order <= 0;
            case ">" -> order != null && order > 0;
            default -> order != null && order >= 0;
        };
    }

    private static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return false;
        }
        Integer order = order(a, b);
        return order != null ? order == 0 : a.equals(b);
    }

    /** The order of two N or two S values; null when either is absent or they are not both N or both S. */
    private static Integer order(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return null;
        }
        if (a.has("N") && b.has("N")) {
            return DynamoDbApi.number(a.get("N").asText()).compareTo(DynamoDbApi.number(b.get("N").asText()));
        }
        if (a.has("S") && b.has("S")) {
            return Arrays.compareUnsigned(a.get("S").asText().getBytes(StandardCharsets.UTF_8),
                    b.get("S").asText().getBytes(StandardCharsets.UTF_8));
        }
        return null;
    }
}
