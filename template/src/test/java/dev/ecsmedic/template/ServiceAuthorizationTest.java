package dev.ecsmedic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every IAM statement template.yaml grants, checked against AWS's Service Authorization Reference: each action is
 * known, each condition key is one the action supports, and each resource is "*" or an ARN of a resource type the
 * action authorizes. A statement IAM would never match in a real account fails the build here.
 */
class ServiceAuthorizationTest {
    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One action's row: resource types (trailing * = required), condition keys. */
    record ActionRow(String action, List<String> resourceTypes, List<String> conditionKeys, boolean confirmed) {}

    private static final Map<String, ActionRow> ACTIONS = new LinkedHashMap<>();
    private static final Map<String, String> RESOURCE_ARNS = new HashMap<>();

    static {
        try (InputStream in = ServiceAuthorizationTest.class.getResourceAsStream("/service-authorization.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f[0].equals("action")) {
                    ACTIONS.put(f[1], new ActionRow(f[1], list(f[2]), list(f[3]), f[4].equals("yes")));
                } else {
                    RESOURCE_ARNS.put(f[1], f[2]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(String field) {
        return field.isBlank() ? List.of() : List.of(field.split(","));
    }

    /** Every statement of the template's managed policies and functions' inline policies, with every option on. */
    private static List<JsonNode> statements(Map<String, String> parameters) {
        Map<String, String> all = new HashMap<>(Map.of("ClusterName", "observability", "WatchedServices", "prometheus",
                "LogGroupNames", "/ecs/observability/prometheus,/ecs/observability/web",
                "NotificationTopicArn", "arn:aws:sns:us-east-1:123456789012:people",
                "NotificationTopicKmsKeyArn",
                "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"));
        all.putAll(parameters);
        SamTemplate template = SamTemplate.load(TEMPLATE, all);
        List<JsonNode> statements = new ArrayList<>();
        template.resourcesOfType("AWS::IAM::ManagedPolicy").values().forEach(p ->
                p.path("Properties").path("PolicyDocument").path("Statement").forEach(statements::add));
        template.resourcesOfType("AWS::Serverless::Function").values().forEach(f ->
                f.path("Properties").path("Policies").forEach(p -> p.path("Statement").forEach(statements::add)));
        return statements;
    }

    /** What AWS would not honour in one statement; empty when every action, key and resource is known. */
    static List<String> problems(JsonNode statement) {
        List<String> problems = new ArrayList<>();
        String sid = statement.path("Sid").asText("(no Sid)");
        List<ActionRow> rows = new ArrayList<>();
        for (String action : texts(statement.path("Action"))) {
            List<ActionRow> matching = ACTIONS.values().stream().filter(r -> matches(action, r.action())).toList();
            if (matching.isEmpty()) {
                problems.add(sid + ": no Service Authorization Reference row for " + action);
            }
            rows.addAll(matching);
        }
        statement.path("Condition").fields().forEachRemaining(operator -> operator.getValue().fieldNames()
                .forEachRemaining(key -> rows.stream()
                        .filter(r -> !global(key) && r.conditionKeys().stream().noneMatch(k -> k.equalsIgnoreCase(key)))
                        .forEach(r -> problems.add(sid + ": " + r.action() + " does not support condition key " + key))));
        for (String resource : texts(statement.path("Resource"))) {
            if (resource.equals("*")) {
                continue;
            }
            for (ActionRow row : rows) {
                if (row.resourceTypes().isEmpty()) {
                    problems.add(sid + ": " + row.action() + " supports no resource-level permission, so "
                            + resource + " never matches (Resource must be \"*\")");
                } else if (row.resourceTypes().stream().map(t -> arnOf(row, t)).flatMap(java.util.Optional::stream)
                        .noneMatch(arn -> arn.matcher(resource).matches())) {
                    problems.add(sid + ": " + resource + " is no ARN of " + row.action() + "'s resource types "
                            + row.resourceTypes());
                }
            }
        }
        return problems;
    }

    private static boolean global(String key) {
        String k = key.toLowerCase();
        return k.startsWith("aws:") && !k.startsWith("aws:resourcetag/") && !k.startsWith("aws:requesttag/")
                && !k.equals("aws:tagkeys");
    }

    private static boolean matches(String granted, String action) {
        String regex = Pattern.quote(granted).replace("*", "\\E.*\\Q");
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(action).matches();
    }

    /**
     * The reference's ARN format as a pattern, each ${Variable} standing for any text (wildcards included); empty
     * for a resource type whose format is not kept, because the template names no such resource.
     */
    private static java.util.Optional<Pattern> arnOf(ActionRow row, String resourceType) {
        String type = row.action().substring(0, row.action().indexOf(':') + 1) + resourceType.replace("*", "");
        String format = RESOURCE_ARNS.get(type);
        if (format == null) {
            return java.util.Optional.empty();
        }
        StringBuilder regex = new StringBuilder();
        for (String part : format.split("\\$\\{[A-Za-z]+\\}", -1)) {
            if (regex.length() > 0 || format.startsWith("${")) {
                regex.append(".+");
            }
            regex.append(Pattern.quote(part));
        }
        return java.util.Optional.of(Pattern.compile(regex.toString()));
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (!node.isMissingNode()) {
            texts.add(node.asText());
        }
        return texts;
    }

    @Test
    void everyStatementOfTheTemplateIsOneAwsHonours() {
        for (Map<String, String> variant : List.of(Map.<String, String>of(), Map.of("WatchedServices", "*"),
                Map.of("ExecTaskRoleArns", "arn:aws:iam::123456789012:role/prometheus-task,"
                        + "arn:aws:iam::123456789012:role/path/web-task"))) {
            List<JsonNode> statements = statements(variant);
            assertTrue(statements.size() >= 12, "statements found: " + statements.size());
            List<String> problems = new ArrayList<>();
            statements.forEach(s -> problems.addAll(problems(s)));
            assertEquals(List.of(), problems, "with " + variant);
        }
    }

    @Test
    void everyActionTheTemplateGrantsHasAReferenceRowAndTheUnconfirmedOnesAreNamed() {
        List<String> granted = new ArrayList<>();
        statements(Map.of()).forEach(s -> granted.addAll(texts(s.path("Action"))));
        for (String action : granted) {
            assertTrue(ACTIONS.values().stream().anyMatch(r -> matches(action, r.action())), action);
        }
        List<String> unconfirmed = ACTIONS.values().stream().filter(r -> !r.confirmed()).map(ActionRow::action)
                .toList();
        assertEquals(List.of("sns:Publish", "dynamodb:GetItem"), unconfirmed,
                "rows marked unconfirmed in service-authorization.tsv");
    }

    @Test
    void aStatementAwsWouldNotHonourIsCaught() throws IOException {
        JsonNode keyNotSupported = JSON.readTree("""
                {"Sid":"A","Effect":"Allow","Action":"ecs:DescribeTaskDefinition","Resource":"*",
                 "Condition":{"ArnEquals":{"ecs:cluster":"arn:aws:ecs:us-east-1:123456789012:cluster/c"}}}""");
        JsonNode wrongResourceType = JSON.readTree("""
                {"Sid":"B","Effect":"Allow","Action":"ecs:StopTask",
                 "Resource":"arn:aws:ecs:us-east-1:123456789012:service/c/s"}""");
        JsonNode noResourceLevel = JSON.readTree("""
                {"Sid":"C","Effect":"Allow","Action":["ec2:DescribeSubnets"],
                 "Resource":"arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1"}""");
        JsonNode unknown = JSON.readTree("""
                {"Sid":"D","Effect":"Allow","Action":"ecs:DescribeEverything","Resource":"*"}""");
        JsonNode fine = JSON.readTree("""
                {"Sid":"E","Effect":"Allow","Action":"ecs:StopTask",
                 "Resource":"arn:aws:ecs:us-east-1:123456789012:task/c/*",
                 "Condition":{"ArnEquals":{"ecs:cluster":"arn:aws:ecs:us-east-1:123456789012:cluster/c"},
                              "Bool":{"aws:SecureTransport":"true"}}}""");

        assertTrue(problems(keyNotSupported).get(0).contains("does not support condition key ecs:cluster"),
                problems(keyNotSupported).toString());
        assertTrue(problems(wrongResourceType).get(0).contains("is no ARN of ecs:StopTask"),
                problems(wrongResourceType).toString());
        assertTrue(problems(noResourceLevel).get(0).contains("supports no resource-level permission"),
                problems(noResourceLevel).toString());
        assertTrue(problems(unknown).get(0).contains("no Service Authorization Reference row"),
                problems(unknown).toString());
        assertEquals(List.of(), problems(fine));
        assertFalse(problems(JSON.readTree("""
                {"Sid":"F","Action":"kms:GenerateDataKey*",
                 "Resource":"arn:aws:kms:us-east-1:123456789012:alias/sns"}""")).isEmpty(),
                "an alias ARN is not the key kms:GenerateDataKey authorizes");
    }
}
