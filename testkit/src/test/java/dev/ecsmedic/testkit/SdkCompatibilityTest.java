package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.Deployment;
import software.amazon.awssdk.services.ecs.model.DescribeServicesResponse;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ServiceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

class SdkCompatibilityTest {
    private static final String C = Scenarios.CLUSTER;
    private static final String P = Scenarios.PROMETHEUS;

    private EcsWorld world;
    private Simulator sim;
    private EcsClient ecs;
    private CloudWatchLogsClient logs;

    @BeforeEach
    void start() {
        world = Scenarios.prometheusEfsLock().newWorld();
        sim = Simulator.start(world);
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret"));
        ecs = EcsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        logs = CloudWatchLogsClient.builder().endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    @AfterEach
    void stop() {
        ecs.close();
        logs.close();
        sim.close();
    }

    private void forceDeploymentAndWait(Duration d) {
        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, C, P).action().accept(world);
        world.advance(d);
    }

    @Test
    void describeServicesParsesDeploymentsAndTimestamps() {
        forceDeploymentAndWait(Duration.ofSeconds(20));
        DescribeServicesResponse r = ecs.describeServices(b -> b.cluster(C).services(P, "missing"));
        assertEquals(1, r.services().size());
        var s = r.services().get(0);
        assertEquals("arn:aws:ecs:us-east-1:123456789012:service/observability/prometheus", s.serviceArn());
        assertTrue(s.enableExecuteCommand());
        assertEquals(100, s.deploymentConfiguration().minimumHealthyPercent());
        assertTrue(s.deploymentConfiguration().deploymentCircuitBreaker().rollback());
        assertEquals(2, s.deployments().size());
        Deployment primary = s.deployments().get(0);
        assertEquals("PRIMARY", primary.status());
        assertTrue(primary.id().matches("ecs-svc/\\d{19}"));
        assertEquals("IN_PROGRESS", primary.rolloutStateAsString());
        assertEquals("ACTIVE", s.deployments().get(1).status());
        assertEquals(world.now().minusSeconds(20), primary.createdAt());
        assertEquals(1, r.failures().size());
        assertEquals("MISSING", r.failures().get(0).reason());
        assertEquals("arn:aws:ecs:us-east-1:123456789012:service/observability/missing", r.failures().get(0).arn());
    }

    @Test
    void describeTasksParsesLifecycleAndManagedAgents() {
        forceDeploymentAndWait(Duration.ofSeconds(20));
        List<String> arns = ecs.listTasks(b -> b.cluster(C).serviceName(P)).taskArns();
        assertEquals(2, arns.size());
        DescribeTasksResponse r = ecs.describeTasks(b -> b.cluster(C).tasks(arns.get(0), arns.get(1),
                "0123456789abcdef0123456789abcdef"));
        assertEquals(2, r.tasks().size());
        assertEquals("MISSING", r.failures().get(0).reason());
        Task old = r.tasks().stream().filter(t -> !t.enableExecuteCommand()).findFirst().orElseThrow();
        assertEquals("RUNNING", old.lastStatus());
        assertEquals("HEALTHY", old.healthStatusAsString());
        assertEquals("service:prometheus", old.group());
        assertTrue(old.startedBy().startsWith("ecs-svc/"));
        assertTrue(old.taskArn().matches("arn:aws:ecs:us-east-1:123456789012:task/observability/[0-9a-f]{32}"));
        assertEquals("1.4.0", old.platformVersion());
        assertNotNull(old.startedAt());
        assertTrue(old.startedAt().isBefore(world.now()));

        world.advance(Duration.ofSeconds(7));
        Task fresh = ecs.describeTasks(b -> b.cluster(C).tasks(arns)).tasks().stream()
                .filter(Task::enableExecuteCommand).findFirst().orElseThrow();
        assertEquals("RUNNING", fresh.lastStatus());
        assertEquals("ExecuteCommandAgent", fresh.containers().get(0).managedAgents().get(0).nameAsString());
        assertEquals("PENDING", fresh.containers().get(0).managedAgents().get(0).lastStatus());
    }

    @Test
    void stoppedNewTaskShowsExitCodeAndIsListedAsStopped() {
        forceDeploymentAndWait(Duration.ofMinutes(1));
        List<String> stopped = ecs.listTasks(b -> b.cluster(C).serviceName(P).desiredStatus(DesiredStatus.STOPPED))
                .taskArns();
        assertFalse(stopped.isEmpty());
        Task t = ecs.describeTasks(b -> b.cluster(C).tasks(stopped.get(0))).tasks().get(0);
        assertEquals("EssentialContainerExited", t.stopCodeAsString());
        assertEquals("Essential container in task exited", t.stoppedReason());
        assertEquals(1, t.containers().get(0).exitCode());
    }

    @Test
    void unknownClusterAndServiceAreErrors() {
        assertThrows(ClusterNotFoundException.class, () -> ecs.describeServices(b -> b.cluster("nope").services(P)));
        ClusterNotFoundException e = assertThrows(ClusterNotFoundException.class,
                () -> ecs.listTasks(b -> b.cluster("nope")));
        assertEquals(400, e.statusCode());
        assertEquals("ClusterNotFoundException", e.awsErrorDetails().errorCode());
        assertThrows(ServiceNotFoundException.class, () -> ecs.updateService(b -> b.cluster(C).service("nope")
                .forceNewDeployment(true)));
        assertThrows(InvalidParameterException.class, () -> ecs.stopTask(b -> b.cluster(C)
                .task("0123456789abcdef0123456789abcdef")));
        assertThrows(InvalidParameterException.class, () -> ecs.describeServices(b -> b.cluster(C)));
    }

    @Test
    void stopTaskIsRecordedAndTheSchedulerReplacesCapacity() {
        forceDeploymentAndWait(Duration.ofSeconds(40));
        String old = world.tasks(C, P).stream().filter(t -> !t.enableExecuteCommand()).findFirst().orElseThrow().arn();
        world.actingAs("StaleLockRemediator");
        Task stopped = ecs.stopTask(b -> b.cluster(C).task(old).reason("ecs-medic: stale EFS lock holder")).task();
        world.actingAs("sdk-client");
        assertEquals("STOPPED", stopped.desiredStatus());
        assertEquals("DEACTIVATING", stopped.lastStatus());
        Task again = ecs.stopTask(b -> b.cluster(C).task(old)).task();
        assertEquals(stopped.version(), again.version());
        assertEquals("ecs-medic: stale EFS lock holder", again.stoppedReason());

        world.advance(Duration.ofMinutes(3));
        var service = ecs.describeServices(b -> b.cluster(C).services(P)).services().get(0);
        assertEquals(1, service.deployments().size());
        assertEquals("COMPLETED", service.deployments().get(0).rolloutStateAsString());
        assertEquals(1, service.runningCount());
        Task replacement = ecs.describeTasks(b -> b.cluster(C)
                .tasks(ecs.listTasks(l -> l.cluster(C).serviceName(P)).taskArns())).tasks().get(0);
        assertTrue(replacement.enableExecuteCommand());
        assertEquals("RUNNING", replacement.containers().get(0).managedAgents().get(0).lastStatus());
        assertNotNull(replacement.containers().get(0).managedAgents().get(0).lastStartedAt());

        List<EcsWorld.ApiCall> stops = world.apiCalls().stream().filter(c -> c.operation().equals("StopTask")).toList();
        assertEquals("StaleLockRemediator", stops.get(0).caller());
        assertTrue(world.drainEvents().stream().anyMatch(e -> e.detailType().equals("AWS API Call via CloudTrail")
                && e.json().contains("\"eventName\":\"StopTask\"")));
    }

    @Test
    void taskDefinitionCarriesEfsAndLogConfiguration() {
        TaskDefinition td = ecs.describeTaskDefinition(b -> b.taskDefinition("prometheus")).taskDefinition();
        assertEquals("arn:aws:ecs:us-east-1:123456789012:task-definition/prometheus:1", td.taskDefinitionArn());
        assertEquals(Scenarios.EFS_ID, td.volumes().get(0).efsVolumeConfiguration().fileSystemId());
        assertEquals("/prometheus", td.volumes().get(0).efsVolumeConfiguration().rootDirectory());
        var c = td.containerDefinitions().get(0);
        assertEquals("awslogs", c.logConfiguration().logDriverAsString());
        assertEquals(Scenarios.PROMETHEUS_LOG_GROUP, c.logConfiguration().options().get("awslogs-group"));
        assertTrue(c.linuxParameters().initProcessEnabled());
        assertFalse(c.readonlyRootFilesystem());
        assertEquals("prometheus-data", c.mountPoints().get(0).sourceVolume());
        assertNotNull(c.healthCheck());
        assertEquals("awsvpc", td.networkModeAsString());
    }

    @Test
    void filterLogEventsFindsTheLockLine() {
        forceDeploymentAndWait(Duration.ofMinutes(1));
        long start = world.now().minus(Duration.ofMinutes(5)).toEpochMilli();
        FilterLogEventsResponse r = logs.filterLogEvents(b -> b.logGroupName(Scenarios.PROMETHEUS_LOG_GROUP)
                .logStreamNamePrefix("prometheus/prometheus/")
                .filterPattern("\"lock DB directory: resource temporarily unavailable\"")
                .startTime(start).limit(50));
        assertFalse(r.events().isEmpty());
        var e = r.events().get(0);
        assertTrue(e.message().startsWith("ts="));
        assertTrue(e.message().contains("caller=main.go:1159 level=error"));
        assertTrue(e.logStreamName().matches("prometheus/prometheus/[0-9a-f]{32}"));
        assertTrue(e.timestamp() > start && e.timestamp() <= world.now().toEpochMilli());
        assertTrue(logs.filterLogEvents(b -> b.logGroupName(Scenarios.PROMETHEUS_LOG_GROUP)
                .filterPattern("level=error -lock")).events().isEmpty());

        GetLogEventsResponse g = logs.getLogEvents(b -> b.logGroupName(Scenarios.PROMETHEUS_LOG_GROUP)
                .logStreamName(e.logStreamName()).startFromHead(true));
        assertTrue(g.events().stream().anyMatch(x -> x.message().contains("Starting Prometheus Server")));
        assertNotNull(g.nextForwardToken());
        assertThrows(software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                () -> logs.filterLogEvents(b -> b.logGroupName("/ecs/none")));
    }

    @Test
    void throttlingSurfacesAsAThrottlingError() {
        world.throttle("DescribeServices", 1);
        AwsServiceException e = assertThrows(AwsServiceException.class,
                () -> ecs.describeServices(b -> b.cluster(C).services(P)));
        assertTrue(e.isThrottlingException());
        assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
        assertEquals(1, ecs.describeServices(b -> b.cluster(C).services(P)).services().size());
    }

    @Test
    void listsAndTags() {
        assertEquals(List.of("arn:aws:ecs:us-east-1:123456789012:cluster/observability"),
                ecs.listClusters().clusterArns());
        assertEquals(1, ecs.listServices(b -> b.cluster(C)).serviceArns().size());
        assertEquals("ACTIVE", ecs.describeClusters(b -> b.clusters(C)).clusters().get(0).status());
        String arn = ecs.listServices(b -> b.cluster(C)).serviceArns().get(0);
        ecs.tagResource(b -> b.resourceArn(arn).tags(t -> t.key("ecs-medic/watch").value("true")));
        assertEquals("true", ecs.listTagsForResource(b -> b.resourceArn(arn)).tags().get(0).value());
    }

    @Test
    void rawProtocolRejectsUnknownOperationsAndUnsignedCalls() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest.Builder base = HttpRequest.newBuilder(URI.create(sim.endpoint() + "/"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        HttpResponse<String> unknown = http.send(base.copy().header("Authorization", "AWS4-HMAC-SHA256 x")
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.Explode").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("UnknownOperationException"));
        HttpResponse<String> unsigned = http.send(base.copy()
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, unsigned.statusCode());
    }
}
