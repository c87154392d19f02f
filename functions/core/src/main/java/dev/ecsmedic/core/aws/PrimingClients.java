package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.AlarmTagReads;
import dev.ecsmedic.core.port.ExecFactsReads;
import dev.ecsmedic.core.port.Notifier;
import dev.ecsmedic.core.port.Ports;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The functions' adapters on SDK clients that can reach nothing: their only HTTP path is a {@link CannedHttpClient}
 * (no socket, canned answers), their credentials a static placeholder (no credential chain is resolved), their
 * region given (no region chain, so no instance metadata). Built for SnapStart priming only, which runs each
 * marshaller, signer and unmarshaller the function's real clients will use, and throws these clients away.
 * The IAM, EC2 and CloudWatch clients are built only when asked for, as {@link AwsClients} builds them.
 */
public final class PrimingClients {

    private static final AwsCredentialsProvider PLACEHOLDER = StaticCredentialsProvider.create(
            AwsBasicCredentials.create("AKIDPRIMINGONLY", "priming-placeholder-not-a-secret"));

    private final Region region;
    private final CannedHttpClient http = new CannedHttpClient();
    private final CallLog calls = new CallLog(Duration.ofMinutes(1));
    private final EcsClient ecs;

    public PrimingClients(Region region) {
        this.region = region;
        this.ecs = build(EcsClient.builder());
    }

    /** The ports every function reads and acts through; exec facts and alarm tags only for those that use them. */
    public Ports ports(boolean execFacts, boolean alarmTags, String claimsTable) {
        DynamoDbClaimsTable claims = new DynamoDbClaimsTable(() -> build(DynamoDbClient.builder()), claimsTable);
        ExecFactsReads exec = execFacts ? new ExecFactsReader(() -> ecs, () -> build(IamClient.builder()),
                () -> build(Ec2Client.builder()), region.id()) : Ports.NO_EXEC_FACTS;
        AlarmTagReads tags = alarmTags ? new CloudWatchAlarmTags(() -> build(CloudWatchClient.builder()))
                : Ports.NO_ALARM_TAGS;
        CloudWatchLogsClient logs = build(CloudWatchLogsClient.builder());
        return new Ports(new EcsObserver(() -> ecs), new LockEvidenceReader(() -> logs), exec, tags,
                new EcsActuator(() -> ecs, () -> ecs), claims, claims, calls);
    }

    public Notifier notifier(String topicArn) {
        SnsClient sns = build(SnsClient.builder());
        return new SnsNotifier(() -> sns, topicArn);
    }

    /** Every operation the canned HTTP client answered, in order ({@code DescribeServices}, ...). */
    public List<String> operationsAnswered() {
        return http.asked().stream().map(CannedHttpClient.Asked::operation).toList();
    }

    /** The hosts those requests were addressed to; none of them was connected to. */
    public List<String> hostsAddressed() {
        return http.asked().stream().map(CannedHttpClient.Asked::host).distinct().toList();
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C extends SdkClient> C build(B builder) {
        return builder.region(region).credentialsProvider(PLACEHOLDER).httpClient(http)
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).addExecutionInterceptor(calls))
                .build();
    }
}
