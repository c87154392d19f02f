package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.AlarmTagReads;
import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.ExecEnablements;
import dev.ecsmedic.core.port.ExecFactsReads;
import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.port.Ports;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Builds the SDK clients once per container: explicit region, one shared lightweight HTTP client, a call log,
 * and retries and timeouts chosen so that an invocation always ends before Lambda's {@code Timeout} ({@link Timeouts}).
 * Without an explicit endpoint the SDK's own endpoint settings apply ({@code AWS_ENDPOINT_URL},
 * {@code AWS_ENDPOINT_URL_ECS}, ...), so the same jar can talk to AWS or to any compatible endpoint.
 * The IAM, EC2 and CloudWatch clients are in the jars of the functions that use them only, and are built on
 * first use.
 */
public final class AwsClients {

    private final Region region;
    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider credentials;
    private final Timeouts timeouts;
    private final SdkHttpClient http;
    private final CallLog calls;
    private final List<ExecutionInterceptor> guards;
    private final Supplier<DynamoDbClient> dynamodb = lazy(() -> configure(DynamoDbClient.builder()).build());

    public AwsClients(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        this(region, endpoint, credentials, List.of());
    }

    /** {@code guards} see every call before anything else does, and may refuse it by throwing. */
    public AwsClients(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                      List<ExecutionInterceptor> guards) {
        this(region, endpoint, credentials, guards, Timeouts.LAMBDA);
    }

    public AwsClients(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                      List<ExecutionInterceptor> guards, Timeouts timeouts) {
        this.region = region;
        this.endpoint = endpoint;
        this.credentials = credentials;
        this.guards = List.copyOf(guards);
        this.timeouts = timeouts;
        this.calls = new CallLog(timeouts.callsStartWithin());
        this.http = UrlConnectionHttpClient.builder().connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.attempt()).build();
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
        return local(endpoint, Timeouts.LAMBDA);
    }

    /** The same with other timeouts: a simulation whose slow answers take milliseconds, not seconds. */
    public static AwsClients local(URI endpoint, Timeouts timeouts) {
        return local(endpoint, timeouts, List.of());
    }

    /** The same with guards that see every call first (a test holding calls to make a race happen). */
    public static AwsClients local(URI endpoint, Timeouts timeouts, List<ExecutionInterceptor> guards) {
        return new AwsClients(Region.US_EAST_1, Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local-secret")), guards,
                timeouts);
    }

    /** The ports every function reads ECS and its logs through and acts through. */
    public Ports ports() {
        EcsClient ecs = ecs();
        return new Ports(new EcsObserver(ecs), new LockEvidenceReader(logs()), Ports.NO_EXEC_FACTS,
                Ports.NO_ALARM_TAGS, new EcsActuator(ecs,
                lazy(() -> configure(EcsClient.builder(), AwsRetryStrategy.doNotRetry()).build())), Claims.NONE,
                ExecEnablements.NONE, calls);
    }

    /** The stack's claims table (claims, and exec enablement times); its client is built on first use. */
    public DynamoDbClaimsTable claimsTable(String table) {
        return new DynamoDbClaimsTable(dynamodb, table);
    }

    /** ECS Exec's dependencies: ECS, IAM's policy simulator and EC2 (needs the iam and ec2 clients in the jar). */
    public ExecFactsReads execFacts() {
        return new ExecFactsReader(ecs(), lazy(() -> configure(IamClient.builder()).build()),
                lazy(() -> configure(Ec2Client.builder()).build()), region.id());
    }

    /** CloudWatch alarm tags (needs the cloudwatch client in the jar). */
    public AlarmTagReads alarmTags() {
        return new CloudWatchAlarmTags(lazy(() -> configure(CloudWatchClient.builder()).build()));
    }

    /** Every action told to one SNS topic; an empty topic ARN: nobody is told. */
    public Notifier notifier(String topicArn) {
        return topicArn.isBlank() ? Notifier.NONE : new SnsNotifier(sns(), topicArn.trim());
    }

    /** Plain clients configured as the adapters' are: the benchmarks' baseline, the guards' tests. */
    public EcsClient ecs() {
        return configure(EcsClient.builder()).build();
    }

    public CloudWatchLogsClient logs() {
        return configure(CloudWatchLogsClient.builder()).build();
    }

    private SnsClient sns() {
        return configure(SnsClient.builder()).build();
    }

    public CallLog calls() {
        return calls;
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return configure(builder, timeouts.retries());
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder,
                                                                                       RetryStrategy retries) {
        builder.region(region)
                .credentialsProvider(credentials)
                .httpClient(http)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retries)
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .apiCallTimeout(timeouts.apiCall())
                        .executionInterceptors(guards).addExecutionInterceptor(calls).build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    private static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
            }
        };
    }
}
