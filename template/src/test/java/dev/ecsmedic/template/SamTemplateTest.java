package dev.ecsmedic.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SamTemplateTest {

    static Path fixture(String name) {
        try {
            return Path.of(SamTemplateTest.class.getResource("/template/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void resolvesIntrinsicsWithDefaults() {
        SamTemplate template = SamTemplate.load(fixture("intrinsics.yaml"), Map.of());
        JsonNode props = template.resource("Thing").get("Properties");

        assertEquals("arn:aws:sqs:us-east-1:123456789012:dev-ecs-medic", props.get("SubString").asText());
        assertEquals("dev-x/${Queue.Arn}/${Queue}/${Literal}", props.get("SubMap").asText());
        assertEquals("a,b,c", props.get("Joined").asText());
        assertEquals(List.of("a", "b", "c"), texts(props.get("Split")));
        assertEquals("b", props.get("Selected").asText());
        assertEquals("10.0.0.0/16", props.get("SelectedFromList").asText());
        assertEquals("small", props.get("IfProd").asText());
        assertFalse(props.has("Removed"));
        assertEquals(List.of("one", "three"), texts(props.get("List")));
        assertEquals("yes-both", props.get("Both").asText());
        assertEquals("no-either", props.get("Either").asText());
        assertEquals("${Queue}", props.get("RefResource").asText());
        assertEquals("${Queue.Arn}", props.get("GetAttShort").asText());
        assertEquals("${Queue.QueueName}", props.get("GetAttLong").asText());
        assertEquals("dev", props.get("LongForm").asText());
        assertEquals(256, props.get("Memory").asInt());
        assertEquals("2", props.get("Count").asText());
        assertTrue(props.get("Quoted").isTextual());
        assertFalse(template.resources().containsKey("ProdOnlyTopic"));
        assertThrows(TemplateException.class, () -> template.resource("ProdOnlyTopic"));
    }

    @Test
    void overridesAndPseudoParametersChangeTheOutcome() {
        SamTemplate template = SamTemplate.load(fixture("intrinsics.yaml"), Map.of("Env", "prod", "Count", "3"),
                Map.of("AWS::Region", "eu-west-1", "AWS::Partition", "aws-cn"));
        JsonNode props = template.resource("Thing").get("Properties");

        assertEquals("arn:aws-cn:sqs:eu-west-1:123456789012:prod-ecs-medic", props.get("SubString").asText());
        assertEquals("big", props.get("IfProd").asText());
        assertEquals("here", props.get("Removed").asText());
        assertEquals(List.of("one", "two", "three"), texts(props.get("List")));
        assertEquals("no-both", props.get("Both").asText());
        assertEquals("yes-either", props.get("Either").asText());
        assertEquals(2048, props.get("Memory").asInt());
        assertTrue(template.condition("IsProd"));
        assertEquals(Map.of("ProdOnlyTopic", template.resource("ProdOnlyTopic")),
                template.resourcesOfType("AWS::SNS::Topic"));
    }

    @Test
    void exposesParameters() {
        SamTemplate template = SamTemplate.load(fixture("intrinsics.yaml"), Map.of("Env", "prod"));
        ParameterSpec env = template.parameters().get("Env");
        assertEquals(new ParameterSpec("Env", "String", Optional.of("dev"), List.of("dev", "prod"), "prod"), env);
        assertEquals(Optional.of("2"), template.parameters().get("Count").defaultValue());
        assertEquals("Number", template.parameters().get("Count").type());
    }

    @Test
    void rejectsParameterValuesCloudFormationWouldReject() {
        Path file = fixture("intrinsics.yaml");
        assertMessage("Env", () -> SamTemplate.load(file, Map.of("Env", "staging")));
        assertMessage("Count", () -> SamTemplate.load(file, Map.of("Count", "9")));
        assertMessage("Count", () -> SamTemplate.load(file, Map.of("Count", "many")));
        assertMessage("Typo", () -> SamTemplate.load(file, Map.of("Typo", "x")));
    }

    @Test
    void missingParameterIsNamed() {
        TemplateException e = assertThrows(TemplateException.class,
                () -> SamTemplate.load(fixture("missing-parameter.yaml"), Map.of()));
        assertTrue(e.getMessage().contains("ClusterName"), e.getMessage());
        assertFalse(e.getMessage().contains("Other"), e.getMessage());

        SamTemplate given = SamTemplate.load(fixture("missing-parameter.yaml"), Map.of("ClusterName", "c1"));
        assertEquals("c1", given.resource("Queue").at("/Properties/QueueName").asText());
    }

    @Test
    void refToNothingIsAnError() {
        assertMessage("Nowhere", () -> SamTemplate.load(fixture("unknown-ref.yaml"), Map.of()));
    }

    @Test
    void mergesGlobalsTheWaySamDoes() {
        SamTemplate template = SamTemplate.load(fixture("globals.yaml"), Map.of("Level", "debug"));
        assertEquals(List.of("Inherits", "Overrides"),
                template.functions().stream().map(FunctionSpec::logicalId).toList());

        FunctionSpec inherits = template.function("Inherits").orElseThrow();
        assertEquals(new FunctionSpec("Inherits", "a.Handler::handleRequest", "build/", "", "java17",
                List.of("arm64"), 30, 512, Map.of("LOG_LEVEL", "debug", "SHARED", "from-globals"),
                List.of(), List.of()), inherits);

        FunctionSpec overrides = template.function("Overrides").orElseThrow();
        assertEquals("other/", overrides.codeUri());
        assertEquals("makefile", overrides.buildMethod());
        assertEquals(2048, overrides.memoryMb());
        assertEquals(30, overrides.timeoutSeconds());
        assertEquals(Map.of("LOG_LEVEL", "debug", "SHARED", "from-function", "OWN", "1"), overrides.environment());
        assertEquals(List.of(new EventRule("Stopped",
                "{\"source\":[\"aws.ecs\"],\"detail-type\":[\"ECS Task State Change\"]}")), overrides.rules());
        assertEquals(List.of(
                new ScheduleSpec("Hourly", "rate(1 hour)", Optional.of(Duration.ofHours(1))),
                new ScheduleSpec("Nightly", "cron(0 3 * * ? *)", Optional.empty())), overrides.schedules());

        JsonNode layers = template.resource("Overrides").at("/Properties/Layers");
        assertEquals(List.of("arn:aws:lambda:us-east-1:123456789012:layer:shared:1",
                "arn:aws:lambda:us-east-1:123456789012:layer:own:3"), texts(layers));
        assertFalse(template.resource("Inherits").get("Properties").has("ReservedConcurrentExecutions"));
        assertEquals("1", SamTemplate.load(fixture("globals.yaml"), Map.of("UseReserved", "true"))
                .resource("Inherits").at("/Properties/ReservedConcurrentExecutions").asText());
        assertFalse(template.resource("NotAFunction").get("Properties").has("Runtime"));
    }

    @Test
    void scheduleExpressions() {
        assertEquals(Optional.of(Duration.ofMinutes(5)), ScheduleSpec.parse("s", "rate(5 minutes)").period());
        assertEquals(Optional.of(Duration.ofMinutes(1)), ScheduleSpec.parse("s", "rate(1 minute)").period());
        assertEquals(Optional.of(Duration.ofDays(2)), ScheduleSpec.parse("s", "rate(2 days)").period());
        assertEquals(Optional.empty(), ScheduleSpec.parse("s", "cron(0/5 * ? * MON-FRI *)").period());
        for (String bad : List.of("rate(1 minutes)", "rate(5 minute)", "rate(0 minutes)", "rate(5 seconds)",
                "cron(0 3 * * *)", "cron(0 3 * * 1 *)", "every 5 minutes", "")) {
            assertThrows(TemplateException.class, () -> ScheduleSpec.parse("s", bad), bad);
        }
    }

    private static void assertMessage(String expected, Executable call) {
        TemplateException e = assertThrows(TemplateException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
