package dev.ecsmedic.core.aws;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the SDK clients once per container: explicit region, one shared lightweight HTTP client, a call log.
 * Without an explicit endpoint the SDK's own endpoint settings apply ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_ECS}, ...), so the same jar can talk to AWS or to any compatible endpoint.
 */
public final class AwsClients {

    private final Region region;
    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider credentials;
    private final SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    private final CallLog calls = new CallLog();
    private final List<ExecutionInterceptor> guards;

    public AwsClients(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        this(region, endpoint, credentials, List.of());
    }

    /** {@code guards} see every call before anything else does, and may refuse it by throwing. */
    public AwsClients(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                      List<ExecutionInterceptor> guards) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.guards = List.copyOf(guards);
    }

    /** Lambda sets AWS_REGION; elsewhere the SDK's region chain (profile, instance metadata) decides. */
    public static AwsClients fromEnvironment() {
        String region = System.getenv("AWS_REGION");
        return new AwsClients(region == null || region.isBlank()
                ? DefaultAwsRegionProviderChain.builder().build().getRegion()
                : Region.of(region), Optional.empty(), DefaultCredentialsProvider.builder().build());
    }

    /** Clients for a local AWS-compatible endpoint (the simulator, LocalStack), with placeholder credentials. */
    public static AwsClients local(URI endpoint) {
        return new AwsClients(Region.US_EAST_1, Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")));
    }

    public EcsClient ecs() {
        return configure(EcsClient.builder()).build();
    }

    public CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder()).build();
    }

    public SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    public CallLog calls() {
        return calls;
    }

    public Region region() {
        return region;
    }

    /** For clients of other services (the exec and alarm functions) built the same way. */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(guards).addExecutionInterceptor(calls).build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }
}
