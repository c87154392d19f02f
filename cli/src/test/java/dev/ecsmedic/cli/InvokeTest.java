package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Lambda runtime's side of an invocation: handler lookup, context, environment, result and errors. */
class InvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FIXTURES = Path.of("src/test/resources/fixture-template.yaml").toString();

    @Test
    void aStreamHandlerGetsLambdasContextAndItsTemplateEnvironment() throws Exception {
        Cli run = Cli.run("invoke", "EchoFunction", "-t", FIXTURES, "--region", "eu-west-1",
                "--parameter-overrides", "ParameterKey=Stage,ParameterValue=prod", "-e",
                Cli.repo("events/ecs-task-pending.json"));

        assertEquals(0, run.exit(), run.err());
        JsonNode answer = JSON.readTree(run.out());
        assertEquals("ECS Task State Change", answer.at("/event/detail-type").asText());
        UUID.fromString(answer.get("requestId").asText());
        assertEquals("EchoFunction", answer.get("functionName").asText());
        assertEquals("$LATEST", answer.get("functionVersion").asText());
        assertEquals("arn:aws:lambda:eu-west-1:123456789012:function:EchoFunction",
                answer.get("invokedFunctionArn").asText());
        assertEquals(512, answer.get("memoryLimitInMB").asInt());
        int remaining = answer.get("remainingTimeInMillis").asInt();
        assertTrue(remaining > 10_000 && remaining <= 20_000, "remaining " + remaining);
        assertEquals("/aws/lambda/EchoFunction", answer.get("logGroupName").asText());
        assertTrue(answer.get("logStreamName").asText().matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"));
        JsonNode env = answer.get("environment");
        assertEquals("prod", env.get("STAGE").asText());
        assertEquals("hello from prod in eu-west-1", env.get("GREETING").asText());
        assertEquals("eu-west-1", env.get("AWS_REGION").asText());
        assertEquals("EchoFunction", env.get("AWS_LAMBDA_FUNCTION_NAME").asText());
        assertEquals("dev.ecsmedic.cli.fixture.EchoContextHandler::handleRequest", env.get("_HANDLER").asText());
        assertFalse(env.has("JAVA_TOOL_OPTIONS") || env.has("MAVEN_OPTS"), "shell variables leak: " + env);
        assertTrue(run.err().contains("a line the function printed"), run.err());
        assertTrue(run.err().contains("a line the function logged"), run.err());
        assertFalse(run.out().contains("a line the function"), run.out());
    }

    @Test
    void envVarsFileOverridesDeclaredVariablesOnlyFunctionEntryFirst(@TempDir Path dir) throws Exception {
        Path envVars = dir.resolve("env.json");
        Files.writeString(envVars, "{\"Parameters\": {\"STAGE\": \"all\", \"GREETING\": \"hi\", \"EXTRA\": \"x\"},"
                + " \"EchoFunction\": {\"STAGE\": \"echo\"}}");

        Cli run = Cli.run("invoke", "EchoFunction", "-t", FIXTURES, "--region", "us-east-1", "--no-event",
                "--env-vars", envVars.toString());

        assertEquals(0, run.exit(), run.err());
        JsonNode answer = JSON.readTree(run.out());
        assertEquals("{}", answer.get("event").toString());
        assertEquals("echo", answer.at("/environment/STAGE").asText());
        assertEquals("hi", answer.at("/environment/GREETING").asText());
        assertFalse(answer.get("environment").has("EXTRA"));
        assertTrue(run.err().contains("ignored --env-vars not declared by EchoFunction in the template: EXTRA"),
                run.err());
    }

    @Test
    void aTypedHandlerGetsItsInputMappedFromJsonAndReturnsJson() throws Exception {
        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("{\"name\":\"ecs\",\"times\":1}".getBytes(StandardCharsets.UTF_8)));
            Cli run = Cli.run("invoke", "GreetingFunction", "-t", FIXTURES, "--region", "us-east-1", "-e", "-");

            assertEquals(0, run.exit(), run.err());
            assertEquals("{\"name\":\"hello ecs\",\"times\":2}", run.out().strip());
        } finally {
            System.setIn(stdin);
        }
    }

    @Test
    void aThrowingHandlerExitsNonZeroWithLambdasErrorDocument() throws Exception {
        Cli run = Cli.run("invoke", "FailingFunction", "-t", FIXTURES, "--region", "us-east-1");

        assertEquals(1, run.exit());
        JsonNode error = JSON.readTree(run.out());
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asText());
        assertEquals("the lock is held", error.get("errorMessage").asText());
        assertTrue(error.get("stackTrace").get(0).asText().contains("FailingHandler"));
        assertTrue(run.err().contains("IllegalStateException: the lock is held"), run.err());
    }

    @Test
    void aHandlerPastItsTimeoutIsStopped(@TempDir Path dir) throws Exception {
        Path event = dir.resolve("sleep.json");
        Files.writeString(event, "{\"sleep\": true}");
        long start = System.nanoTime();

        Cli run = Cli.run("invoke", "FailingFunction", "-t", FIXTURES, "--region", "us-east-1", "-e",
                event.toString());

        assertEquals(1, run.exit());
        JsonNode error = JSON.readTree(run.out());
        assertEquals("Sandbox.Timedout", error.get("errorType").asText());
        assertTrue(error.get("errorMessage").asText().endsWith("Task timed out after 2.00 seconds"));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 20_000);
    }

    @Test
    void aMissingHandlerClassIsAnImportError() throws Exception {
        Cli run = Cli.run("invoke", "MissingFunction", "-t", FIXTURES, "--region", "us-east-1");

        assertEquals(1, run.exit());
        assertEquals("Runtime.ImportModuleError", JSON.readTree(run.out()).get("errorType").asText());
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertEquals(2, Cli.run("invoke", "NoSuchFunction", "-t", FIXTURES).exit());
        assertEquals(2, Cli.run("invoke", "-t", FIXTURES).exit());
        assertEquals(2, Cli.run("invoke", "EchoFunction", "-t", FIXTURES, "-e", "missing.json").exit());
        assertEquals(2, Cli.run("invoke", "EchoFunction", "-t", FIXTURES, "--parameter-overrides", "Nope=1").exit());
        assertEquals(2, Cli.run("invoke", "EchoFunction", "-t", FIXTURES, "-e", "x.json", "--no-event").exit());
    }
}
