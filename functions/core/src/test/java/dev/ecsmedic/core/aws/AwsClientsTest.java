package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.function.FunctionDefinition;
import dev.ecsmedic.core.function.Functions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Clients are built on first use only; building them ahead (priming) builds exactly the ones handed out. */
class AwsClientsTest {

    private static final Map<String, String> ENV = Map.of("CLUSTER_NAME", "observability",
            "WATCHED_SERVICES", "prometheus", "CLAIMS_TABLE", "ecs-medic-claims",
            FunctionDefinition.NOTIFICATION_TOPIC_ARN, "arn:aws:sns:us-east-1:123456789012:t");

    @Test
    void anIgnoredEventBuildsNoClient() throws Exception {
        AwsClients clients = AwsClients.local(URI.create("http://127.0.0.1:9"));
        Remediator remediator = Functions.STALE_LOCK.compose(clients, ENV).log(line -> { }).build();
        assertEquals(Set.of(), clients.built(), "composing builds nothing");

        String report = remediator.handle(
                Files.readAllBytes(Path.of("../../events/ecs-task-stopped-other-cluster.json")));

        assertTrue(report.contains("\"decision\":\"NO_ACTION\""), report);
        assertEquals(Set.of(), clients.built(), "an event for another cluster builds nothing");
        assertEquals(List.of(), clients.calls().since(0));
    }

    @Test
    void buildingAheadBuildsTheClientsTheFunctionWasComposedWithAndNoOther() {
        AwsClients staleLock = AwsClients.local(URI.create("http://127.0.0.1:9"));
        Functions.STALE_LOCK.compose(staleLock, ENV).build();
        staleLock.buildClients();
        assertEquals(Set.of("dynamodb", "ecs", "ecs-once", "logs", "sns"), staleLock.built());

        AwsClients quiet = AwsClients.local(URI.create("http://127.0.0.1:9"));
        Functions.STALE_LOCK.compose(quiet, Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "s")).build();
        quiet.buildClients();
        assertEquals(Set.of("ecs", "ecs-once", "logs"), quiet.built(), "no claims table, no topic: neither client");

        AwsClients exec = AwsClients.local(URI.create("http://127.0.0.1:9"));
        Functions.EXEC_ROLLOUT.compose(exec, ENV).build();
        exec.buildClients();
        assertEquals(Set.of("dynamodb", "ec2", "ecs", "ecs-once", "iam", "logs", "sns"), exec.built());

        AwsClients alarm = AwsClients.local(URI.create("http://127.0.0.1:9"));
        Functions.ALARM.compose(alarm, ENV).build();
        alarm.buildClients();
        assertTrue(alarm.built().contains("cloudwatch") && !alarm.built().contains("iam"), alarm.built().toString());
        assertEquals(List.of(), alarm.calls().since(0), "building clients calls nothing");
    }

    @Test
    void everyPortSharesOneClientPerService() {
        AwsClients clients = AwsClients.local(URI.create("http://127.0.0.1:9"));
        clients.ports();
        clients.execFacts();
        assertSame(clients.ecs(), clients.ecs());
        assertEquals(Set.of("ecs"), clients.built(), "asking for the ECS client builds it alone");
    }
}
