package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;

/** Real SDK v2 clients of the simulator for the exec tests: static credentials, no retries. */
final class SimClients {
    private SimClients() {
    }

    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C of(B builder, Simulator sim) {
        return builder.endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry()).build())
                .build();
    }

    /** Whether every ExecuteCommandAgent of the service's running exec tasks is RUNNING (there must be one). */
    static boolean agentsRunning(EcsClient ecs, String cluster, String service) {
        List<String> arns = ecs.listTasks(b -> b.cluster(cluster).serviceName(service)).taskArns();
        List<String> agents = ecs.describeTasks(b -> b.cluster(cluster).tasks(arns)).tasks().stream()
                .filter(t -> t.lastStatus().equals("RUNNING") && t.enableExecuteCommand())
                .flatMap(t -> t.containers().stream()).flatMap(c -> c.managedAgents().stream())
                .map(a -> a.lastStatus()).toList();
        assertFalse(agents.isEmpty(), "no running task with exec");
        return agents.stream().allMatch("RUNNING"::equals);
    }
}
