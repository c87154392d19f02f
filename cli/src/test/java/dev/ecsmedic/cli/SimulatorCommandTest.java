package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Deployment;

/** The standalone simulator as another process sees it: a URL on the first line, an endpoint, a clean stop. */
class SimulatorCommandTest {

    @Test
    void servesTheIncidentToAnOutsideClientWhileTheFunctionsResolveIt() throws Exception {
        Process process = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                EcsMedic.class.getName(), "simulator", "--scenario", "prometheus-efs-lock", "--speed", "200",
                "--with-functions", "--quiet", "--template", new File("../template.yaml").getPath()))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            URI endpoint = URI.create(out.readLine());
            assertEquals("127.0.0.1", endpoint.getHost());
            try (EcsClient ecs = EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                List<Deployment> deployments;
                List<String> stoppedReasons;
                do {
                    Thread.sleep(200);
                    deployments = ecs.describeServices(b -> b.cluster("observability").services("prometheus"))
                            .services().get(0).deployments();
                    stoppedReasons = stoppedReasons(ecs);
                } while (!(deployments.size() == 1 && deployments.get(0).rolloutStateAsString().equals("COMPLETED")
                        && stoppedReasons.stream().anyMatch(r -> r.startsWith("ecs-medic: stale lock holder")))
                        && Instant.now().isBefore(deadline));
                assertEquals(1, deployments.size(), deployments.toString());
                assertEquals("COMPLETED", deployments.get(0).rolloutStateAsString());
                assertTrue(stoppedReasons.stream().anyMatch(r -> r.startsWith("ecs-medic: stale lock holder")),
                        stoppedReasons.toString());
            }
        } finally {
            process.destroy();
        }
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "stops on SIGTERM");
    }

    private static List<String> stoppedReasons(EcsClient ecs) {
        List<String> stopped = ecs.listTasks(b -> b.cluster("observability").serviceName("prometheus")
                .desiredStatus("STOPPED")).taskArns();
        return stopped.isEmpty() ? List.of() : ecs.describeTasks(b -> b.cluster("observability").tasks(stopped))
                .tasks().stream().map(t -> String.valueOf(t.stoppedReason())).toList();
    }
}
