package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.cli.fixture.LambdaJarMain;
import dev.ecsmedic.core.InvocationClock;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import dev.ecsmedic.testkit.EcsWorld;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each function's deployment artifact (the shaded {@code -lambda.jar} sam build ships), alone on the classpath of
 * a fresh JVM and configured only by environment variables as in Lambda — the template's resolved Environment,
 * AWS_REGION, credentials and AWS_ENDPOINT_URL — makes its decision against the simulator and acts.
 */
class LambdaJarsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @CsvSource({
            "StaleLockRemediatorFunction, stale-lock-remediator, ecs-task-stopped-lock-error.json, prometheus-efs-lock@60, STOP_STALE_TASKS, StopTask",
            "AlarmRemediatorFunction, alarm-remediator, cloudwatch-alarm-lock-errors.json, alarm-lock-errors@60, STOP_STALE_TASKS, StopTask",
            "ExecRolloutFunction, exec-rollout, cloudtrail-update-service-enable-exec.json, exec-enable-prometheus@5, FORCE_NEW_DEPLOYMENT, UpdateService",
    })
    void theShadedJarActsOnTheSimulatedAccount(String function, String module, String event, String world,
                                               String decision, String operation) throws Exception {
        Path jar = Cli.REPO.resolve("functions/" + module + "/target/" + module + "-lambda.jar");
        assertTrue(jar.toFile().isFile(), jar + " is built by the reactor's package phase (run mvn verify)");
        try (SimulatedAccount account = SimulatedAccount.start(world)) {
            Map<String, String> parameters = new HashMap<>(account.parameterDefaults());
            parameters.put("DryRun", "false");
            FunctionSpec spec = Simulation.provision(SamTemplate.load(Cli.REPO.resolve("template.yaml"), parameters),
                    account.world()).function(function).orElseThrow();
            ProcessBuilder process = new ProcessBuilder(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-D" + InvocationClock.PROPERTY + "=" + account.world().now(),
                    "-cp", jar + File.pathSeparator + fixtureClasses(),
                    LambdaJarMain.class.getName(), spec.handler().split("::")[0],
                    Cli.REPO.resolve("events/" + event).toString()));
            process.environment().clear();
            process.environment().putAll(spec.environment());
            process.environment().putAll(SimulatedAccount.CREDENTIALS);
            process.environment().put("AWS_REGION", SimulatedAccount.REGION);
            process.environment().put("AWS_ENDPOINT_URL", account.simulator().endpoint().toString());
            process.environment().put("PATH", System.getenv().getOrDefault("PATH", ""));
            int before = account.world().apiCalls().size();
            Process started = process.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(started.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(started.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, started.exitValue(), err);

            String result = err.lines().filter(l -> l.startsWith("RESULT ")).findFirst().orElseThrow(
                    () -> new AssertionError("no result:\n" + err)).substring("RESULT ".length());
            JsonNode report = JSON.readTree(result);
            assertEquals(function, report.path("function").asText());
            assertEquals(decision, report.path("decision").asText(), report.toString());
            assertTrue(report.path("actions").get(0).path("executed").asBoolean(), report.toString());
            List<EcsWorld.ApiCall> calls = account.world().apiCalls();
            assertTrue(calls.subList(before, calls.size()).stream().anyMatch(c -> c.operation().equals(operation)),
                    "the simulator received " + operation);
        }
    }

    /**
     * What a SnapStart snapshot would capture: initialisation must open no connection and resolve no credentials
     * (there are none here), so a restored function starts clean.
     */
    @ParameterizedTest
    @CsvSource({
            "StaleLockRemediatorFunction, stale-lock-remediator",
            "AlarmRemediatorFunction, alarm-remediator",
            "ExecRolloutFunction, exec-rollout",
    })
    void initialisationTouchesNoNetworkAndNoCredentials(String function, String module) throws Exception {
        Path jar = Cli.REPO.resolve("functions/" + module + "/target/" + module + "-lambda.jar");
        FunctionSpec spec = SamTemplate.load(Cli.REPO.resolve("template.yaml"), Map.of("ClusterName", "observability",
                "WatchedServices", "prometheus", "LogGroupNames", "/ecs/observability/prometheus",
                "NotificationTopicArn", "arn:aws:sns:us-east-1:123456789012:ecs-medic")).function(function).orElseThrow();
        try (java.net.ServerSocket endpoint = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            endpoint.setSoTimeout(200);
            ProcessBuilder process = new ProcessBuilder(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-cp", jar + File.pathSeparator + fixtureClasses(),
                    LambdaJarMain.class.getName(), spec.handler().split("::")[0]));
            process.environment().clear();
            process.environment().putAll(spec.environment());
            process.environment().put("AWS_REGION", SimulatedAccount.REGION);
            process.environment().put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + endpoint.getLocalPort());
            process.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            Process started = process.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(started.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(started.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, started.exitValue(), err);
            assertTrue(err.contains("INITIALISED"), err);
            assertThrows(java.net.SocketTimeoutException.class, endpoint::accept,
                    "initialisation connected to the endpoint");
        }
    }

    /**
     * SnapStart priming in each shrunk jar: the handler's no-argument constructor registers it through org.crac,
     * which finds a CRaC implementation by name as in Lambda (here the fixture's, named the way the Lambda runtime
     * names its own); the checkpoint runs it. It must prime every call the function makes, with no credentials
     * (none in the environment, no ~/.aws) and no connection: the SDK's endpoint and the JDK's HTTP proxies all
     * point at a socket that must see nothing.
     */
    @ParameterizedTest
    @CsvSource({
            "StaleLockRemediatorFunction, stale-lock-remediator, 3, DescribeServices ListTasks DescribeTasks DescribeTaskDefinition FilterLogEvents StopTask PutItem Publish",
            "AlarmRemediatorFunction, alarm-remediator, 1, DescribeServices ListTasks DescribeTasks DescribeTaskDefinition FilterLogEvents StopTask PutItem Publish ListTagsForResource",
            "ExecRolloutFunction, exec-rollout, 4, DescribeServices ListTasks DescribeTasks DescribeTaskDefinition FilterLogEvents StopTask UpdateService PutItem GetItem Publish SimulatePrincipalPolicy DescribeSubnets DescribeVpcEndpoints DescribeNetworkInterfaces DescribeSecurityGroups DescribeRouteTables",
    })
    void theCheckpointPrimesTheShrunkJarWithoutConnectionOrCredentials(String function, String module, int events,
                                                                      String operations) throws Exception {
        Path jar = Cli.REPO.resolve("functions/" + module + "/target/" + module + "-lambda.jar");
        FunctionSpec spec = SamTemplate.load(Cli.REPO.resolve("template.yaml"), Map.of("ClusterName", "observability",
                "WatchedServices", "prometheus", "LogGroupNames", "/ecs/observability/prometheus",
                "NotificationTopicArn", "arn:aws:sns:us-east-1:123456789012:ecs-medic")).function(function).orElseThrow();
        Path home = java.nio.file.Files.createTempDirectory("no-aws-home");
        try (java.net.ServerSocket endpoint = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            endpoint.setSoTimeout(200);
            String port = String.valueOf(endpoint.getLocalPort());
            ProcessBuilder process = new ProcessBuilder(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Dorg.crac.Core.Compat=" + dev.ecsmedic.cli.fixture.crac.Core.class.getPackageName(),
                    "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=" + port,
                    "-Dhttps.proxyHost=127.0.0.1", "-Dhttps.proxyPort=" + port, "-Duser.home=" + home,
                    "-cp", jar + File.pathSeparator + fixtureClasses(),
                    LambdaJarMain.class.getName(), spec.handler().split("::")[0], "--checkpoint"));
            process.environment().clear();
            process.environment().putAll(spec.environment());
            process.environment().put("AWS_REGION", SimulatedAccount.REGION);
            process.environment().put("AWS_ENDPOINT_URL", "http://127.0.0.1:" + port);
            process.environment().put("HOME", home.toString());
            Process started = process.redirectErrorStream(true).start();
            String out = new String(started.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(started.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, started.exitValue(), out);
            assertTrue(out.contains("CHECKPOINTED 1 resource(s)"), out);
            String primed = out.lines().filter(l -> l.startsWith("priming " + function + ": ")).findFirst()
                    .orElseThrow(() -> new AssertionError("not primed:\n" + out));
            assertTrue(primed.startsWith("priming " + function + ": " + events + " sample events and "), primed);
            List<String> answered = List.of(primed.substring(primed.lastIndexOf(": ") + 2).split(","));
            assertTrue(answered.containsAll(List.of(operations.split(" "))), primed);
            assertThrows(java.net.SocketTimeoutException.class, endpoint::accept, "priming connected");
        } finally {
            java.nio.file.Files.delete(home);
        }
    }

    private static String fixtureClasses() throws Exception {
        return Path.of(LambdaJarMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
