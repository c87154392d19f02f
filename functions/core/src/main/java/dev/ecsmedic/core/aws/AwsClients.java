package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.AlarmTagReads;
import dev.ecsmedic.core.port.Claims;
import dev.ecsmedic.core.port.ExecEnablements;
import dev.ecsmedic.core.port.ExecFactsReads;
import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.port.Ports;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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
 * Every client, and the HTTP client they share, is built on its first use, so an invocation pays only for the
 * clients its trigger needs (an ignored event builds none); the IAM, EC2 and CloudWatch clients are in the jars of
 * the functions that use them only. {@link #buildClients()} builds ahead of use every client handed out so far.
 */
public final class AwsClients {

    private final Region region;
    private final Optional<URI> endpoint;
    private final AwsCredentialsProvider credentials;
    private final Timeouts timeouts;
    private final CallLog calls;
    private final List<ExecutionInterceptor> guards;
    private final Supplier<SdkHttpClient> http;
    /**
     * The clients handed out so far, by name, each built on its first use. Made when first handed out, not in
     * the constructor: a lambda naming a client type loads that type when it is made, and the stale-lock jar
     * carries no IAM, EC2 or CloudWatch client.
     */
    private final Map<String, Supplier<?>> clients = new LinkedHashMap<>();

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
        this.http = lazy(() -> UrlConnectionHttpClient.builder().connectionTimeout(timeouts.connect())
                .socketTimeout(timeouts.attempt()).build());
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
        return new Ports(new EcsObserver(ecsClient()), new LockEvidenceReader(logsClient()), Ports.NO_EXEC_FACTS,
                Ports.NO_ALARM_TAGS, new EcsActuator(ecsClient(), client("ecs-once",
                () -> configure(EcsClient.builder(), AwsRetryStrategy.doNotRetry()).build())), Claims.NONE,
                ExecEnablements.NONE, calls);
    }

    /** The stack's claims table (claims, and exec enablement times). */
    public DynamoDbClaimsTable claimsTable(String table) {
        return new DynamoDbClaimsTable(client("dynamodb", () -> configure(DynamoDbClient.builder()).build()), table);
    }

    /** ECS Exec's dependencies: ECS, IAM's policy simulator and EC2 (needs the iam and ec2 clients in the jar). */
    public ExecFactsReads execFacts() {
        return new ExecFactsReader(ecsClient(), client("iam", () -> configure(IamClient.builder()).build()),
                client("ec2", () -> configure(Ec2Client.builder()).build()), region.id());
    }

    /** CloudWatch alarm tags (needs the cloudwatch client in the jar). */
    public AlarmTagReads alarmTags() {
        return new CloudWatchAlarmTags(client("cloudwatch", () -> configure(CloudWatchClient.builder()).build()));
    }

    /** Every action told to one SNS topic; an empty topic ARN: nobody is told. */
    public Notifier notifier(String topicArn) {
        return topicArn.isBlank() ? Notifier.NONE
                : new SnsNotifier(client("sns", () -> configure(SnsClient.builder()).build()), topicArn.trim());
    }

    /**
     * Builds now, instead of on first use, every client handed out so far (to the ports, claims table, exec facts,
     * alarm tags, notifier): what priming before a snapshot calls once the function is composed. Building a
     * client opens no connection and resolves no credentials; a client no composition asked for is not built, so
     * this never reaches for a service its jar does not carry.
     */
    public void buildClients() {
        List<Supplier<?>> handedOut;
        synchronized (clients) {
            handedOut = new ArrayList<>(clients.values());
        }
        handedOut.forEach(Supplier::get);
    }

    /** The plain clients the adapters use: the benchmarks' baseline, the guards' tests. */
    public EcsClient ecs() {
        return ecsClient().get();
    }

    public CloudWatchLogsClient logs() {
        return logsClient().get();
    }

    private Supplier<EcsClient> ecsClient() {
        return client("ecs", () -> configure(EcsClient.builder()).build());
    }

    private Supplier<CloudWatchLogsClient> logsClient() {
        return client("logs", () -> configure(CloudWatchLogsClient.builder()).build());
    }

    /** The client handed out under {@code name}: the first call's {@code build}, run at the client's first use. */
    @SuppressWarnings("unchecked")
    private <T> Supplier<T> client(String name, Supplier<T> build) {
        synchronized (clients) {
            return (Supplier<T>) clients.computeIfAbsent(name, n -> lazy(build));
        }
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
                .httpClient(http.get())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(retries)
                        .apiCallAttemptTimeout(timeouts.attempt())
                        .apiCallTimeout(timeouts.apiCall())
                        .executionInterceptors(guards).addExecutionInterceptor(calls).build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /** The names of the clients built so far (the tests'). */
    Set<String> built() {
        synchronized (clients) {
            Set<String> names = new TreeSet<>();
            clients.forEach((name, client) -> {
                if (((Lazy<?>) client).built()) {
                    names.add(name);
                }
            });
            return names;
        }
    }

    private static <T> Supplier<T> lazy(Supplier<T> factory) {
        return new Lazy<>(factory);
    }

    /** The one way a client is made here: built by the first {@code get}, then the same instance. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> factory;
        private T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        @Override
        public synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }

        synchronized boolean built() {
            return value != null;
        }
    }
}
