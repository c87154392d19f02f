package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.ServiceFailureException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.ThrottledException;

/**
 * IAM, EC2 and SNS calls go through the fault injector as the JSON protocols' do: real SDK clients see each
 * service's documented throttling and failures, the SDK's standard retry strategy treats each throttling as
 * throttling, and a fault that came after the operation took effect leaves its effect behind.
 */
class QueryProtocolFaultsTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/prometheus-task";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:ecs-medic";
    private static final Duration SLOW = Duration.ofMillis(1000);

    private EcsWorld world;
    private Simulator sim;

    @BeforeEach
    void start() {
        world = Scenarios.prometheusEfsLock().newWorld();
        sim = Simulator.start(world);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    /** One call of each query-protocol service, as the functions make them. */
    private enum Call {
        SIMULATE("SimulatePrincipalPolicy"), DESCRIBE_SUBNETS("DescribeSubnets"), PUBLISH("Publish");

        final String operation;

        Call(String operation) {
            this.operation = operation;
        }

        void make(Clients c) {
            switch (this) {
                case SIMULATE -> c.iam.simulatePrincipalPolicy(b -> b.policySourceArn(ROLE)
                        .actionNames("ssmmessages:OpenDataChannel"));
                case DESCRIBE_SUBNETS -> c.ec2.describeSubnets(b -> b.subnetIds(ExecPrerequisites.TASK_SUBNET));
                case PUBLISH -> c.sns.publish(b -> b.topicArn(TOPIC).message("restarted"));
            }
        }
    }

    /**
     * Real SDK clients against the simulator with one retry strategy and a 500 ms attempt timeout: well above an
     * answered call on a loaded machine, which would otherwise read as an injected slow answer.
     */
    private record Clients(IamClient iam, Ec2Client ec2, SnsClient sns) implements AutoCloseable {
        @Override
        public void close() {
            iam.close();
            ec2.close();
            sns.close();
        }
    }

    private Clients clients(RetryStrategy retries) {
        return new Clients(configure(IamClient.builder(), retries), configure(Ec2Client.builder(), retries),
                configure(SnsClient.builder(), retries));
    }

    private <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C configure(B builder,
                                                                                         RetryStrategy retries) {
        return builder.endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE",
                        "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder().retryStrategy(retries)
                        .apiCallAttemptTimeout(Duration.ofMillis(500)).build())
                .build();
    }

    private static FaultInjector.Config always(String operation, FaultInjector.Kind kind, double afterEffect) {
        return new FaultInjector.Config(1.0, 3, Set.of(operation), Set.of(kind), SLOW, Duration.ZERO,
                Duration.ZERO, afterEffect);
    }

    private static AwsServiceException serviceError(Runnable call) {
        return assertInstanceOf(AwsServiceException.class, assertThrows(SdkException.class, call::run));
    }

    @Test
    void eachServiceThrottlesAndFailsWithItsDocumentedCodeAndStatus() {
        record Expected(Call call, FaultInjector.Kind kind, String code, int status) {}
        List<Expected> expected = List.of(
                new Expected(Call.SIMULATE, FaultInjector.Kind.THROTTLING, "Throttling", 400),
                new Expected(Call.SIMULATE, FaultInjector.Kind.INTERNAL_ERROR, "ServiceFailure", 500),
                new Expected(Call.SIMULATE, FaultInjector.Kind.SERVICE_UNAVAILABLE, "ServiceUnavailable", 503),
                new Expected(Call.DESCRIBE_SUBNETS, FaultInjector.Kind.THROTTLING, "RequestLimitExceeded", 503),
                new Expected(Call.DESCRIBE_SUBNETS, FaultInjector.Kind.INTERNAL_ERROR, "InternalError", 500),
                new Expected(Call.DESCRIBE_SUBNETS, FaultInjector.Kind.SERVICE_UNAVAILABLE, "Unavailable", 503),
                new Expected(Call.PUBLISH, FaultInjector.Kind.THROTTLING, "Throttled", 429),
                new Expected(Call.PUBLISH, FaultInjector.Kind.INTERNAL_ERROR, "InternalError", 500),
                new Expected(Call.PUBLISH, FaultInjector.Kind.SERVICE_UNAVAILABLE, "ServiceUnavailable", 503));
        try (Clients c = clients(AwsRetryStrategy.doNotRetry())) {
            for (Expected e : expected) {
                world.inject(new FaultInjector(always(e.call().operation, e.kind(), 0)));
                AwsServiceException error = serviceError(() -> e.call().make(c));
                String what = e.call() + " " + e.kind();
                assertEquals(e.code(), error.awsErrorDetails().errorCode(), what);
                assertEquals(e.status(), error.statusCode(), what);
                assertEquals(e.kind() == FaultInjector.Kind.THROTTLING, error.isThrottlingException(), what);
            }
            world.inject(new FaultInjector(always("Publish", FaultInjector.Kind.THROTTLING, 0)));
            assertThrows(ThrottledException.class, () -> Call.PUBLISH.make(c));
            world.inject(new FaultInjector(always("Publish", FaultInjector.Kind.INTERNAL_ERROR, 0)));
            assertThrows(InternalErrorException.class, () -> Call.PUBLISH.make(c));
            world.inject(new FaultInjector(always("SimulatePrincipalPolicy", FaultInjector.Kind.INTERNAL_ERROR, 0)));
            assertThrows(ServiceFailureException.class, () -> Call.SIMULATE.make(c));
        }
        assertTrue(world.notifications().isEmpty(), "a fault before the effect published nothing");
    }

    @Test
    void theErrorBodiesAreEachProtocolsShape() throws Exception {
        world.inject(new FaultInjector(new FaultInjector.Config(1.0, 3, Set.of("SimulatePrincipalPolicy",
                "DescribeSubnets", "Publish"), Set.of(FaultInjector.Kind.INTERNAL_ERROR), SLOW, Duration.ZERO,
                Duration.ZERO, 0)));
        String iam = post("Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=" + ROLE
                + "&ActionNames.member.1=ssmmessages%3AOpenDataChannel");
        assertTrue(iam.matches("(?s)<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\">\\s*"
                + "<Error>\\s*<Type>Receiver</Type>\\s*<Code>ServiceFailure</Code>\\s*<Message>[^<]+</Message>\\s*"
                + "</Error>\\s*<RequestId>[-0-9a-f]+</RequestId>\\s*</ErrorResponse>\\s*"), iam);
        String sns = post("Action=Publish&Version=2010-03-31&TopicArn=" + TOPIC + "&Message=restarted");
        assertTrue(sns.contains("<ErrorResponse xmlns=\"https://sns.amazonaws.com/doc/2010-03-31/\">")
                && sns.contains("<Type>Receiver</Type>") && sns.contains("<Code>InternalError</Code>"), sns);
        String ec2 = post("Action=DescribeSubnets&Version=2016-11-15&SubnetId.1=" + ExecPrerequisites.TASK_SUBNET);
        assertTrue(ec2.matches("(?s).*<Response><Errors><Error><Code>InternalError</Code><Message>[^<]+</Message>"
                + "</Error></Errors><RequestID>[-0-9a-f]+</RequestID></Response>"), ec2);
    }

    private String post(String form) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        sim.endpoint() + "/")).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20251113/us-east-1/x/aws4_request")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(500, response.statusCode());
        return response.body();
    }

    @Test
    void theStandardRetryStrategyRetriesEachServicesThrottlingAsThrottling() {
        Duration throttledBackoff = Duration.ofMillis(200);
        RetryStrategy standard = AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(3)
                .backoffStrategy(BackoffStrategy.retryImmediately())
                .throttlingBackoffStrategy(BackoffStrategy.fixedDelayWithoutJitter(throttledBackoff)).build();
        try (Clients c = clients(standard)) {
            for (Call call : Call.values()) {
                FaultInjector injector = new FaultInjector(always(call.operation, FaultInjector.Kind.THROTTLING, 0));
                world.inject(injector);
                long start = System.nanoTime();
                AwsServiceException error = serviceError(() -> call.make(c));
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                assertTrue(error.isThrottlingException(), call.toString());
                assertEquals(3, injector.injected().size(), call + " was tried three times");
                assertTrue(took.compareTo(throttledBackoff.multipliedBy(2)) >= 0,
                        call + " waited the throttling back-off twice, took " + took);
            }
            FaultInjector failing = new FaultInjector(always("Publish", FaultInjector.Kind.INTERNAL_ERROR, 0));
            world.inject(failing);
            long start = System.nanoTime();
            serviceError(() -> Call.PUBLISH.make(c));
            assertEquals(3, failing.injected().size(), "a 500 is retried too");
            assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(throttledBackoff) < 0,
                    "a 500 is retried without the throttling back-off");
        }
    }

    @Test
    void atAFaultRateEveryKindFailsQueryCallsAndLostAnswersStillPublished() {
        FaultInjector injector = new FaultInjector(new FaultInjector.Config(0.4, 11, Set.of(),
                Set.of(FaultInjector.Kind.values()), SLOW, Duration.ZERO, Duration.ZERO, 0.5));
        world.inject(injector);
        Map<Call, Map<FaultInjector.Kind, Integer>> seen = new EnumMap<>(Call.class);
        int published = 0;
        try (Clients c = clients(AwsRetryStrategy.doNotRetry())) {
            for (int i = 0; i < 60; i++) {
                for (Call call : Call.values()) {
                    FaultInjector.Kind kind = outcome(() -> call.make(c));
                    if (kind != null) {
                        seen.computeIfAbsent(call, k -> new EnumMap<>(FaultInjector.Kind.class))
                                .merge(kind, 1, Integer::sum);
                    } else if (call == Call.PUBLISH) {
                        published++;
                    }
                }
            }
        }
        for (Call call : Call.values()) {
            Map<FaultInjector.Kind, Integer> injected = new EnumMap<>(FaultInjector.Kind.class);
            injector.injected().stream().filter(f -> f.operation().equals(call.operation))
                    .forEach(f -> injected.merge(f.kind(), 1, Integer::sum));
            assertEquals(Set.of(FaultInjector.Kind.values()), injected.keySet(), call + " saw every kind");
            assertEquals(injected, seen.get(call), call + ": the client saw each fault injected, as its kind");
        }
        long lostAnswers = injector.injected().stream().filter(f -> f.operation().equals("Publish")
                && f.afterEffect()).count();
        assertTrue(lostAnswers > 0, "some Publish faults came after the message was taken");
        assertEquals(published + lostAnswers, world.notifications().size(),
                "every answered Publish and every Publish whose answer was lost left its message");
    }

    /** The fault kind a failed call shows the client, or null when the call was answered. */
    private static FaultInjector.Kind outcome(Runnable call) {
        try {
            call.run();
            return null;
        } catch (ApiCallAttemptTimeoutException e) {
            return FaultInjector.Kind.SLOW_RESPONSE;
        } catch (AwsServiceException e) {
            return e.isThrottlingException() ? FaultInjector.Kind.THROTTLING
                    : e.statusCode() == 500 ? FaultInjector.Kind.INTERNAL_ERROR : FaultInjector.Kind.SERVICE_UNAVAILABLE;
        } catch (SdkException e) {
            return FaultInjector.Kind.CONNECTION_RESET;
        }
    }
}
