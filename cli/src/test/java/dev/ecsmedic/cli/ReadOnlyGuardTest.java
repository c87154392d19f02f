package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.aws.AwsClients;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

class ReadOnlyGuardTest {

    @Test
    void aMutatingCallIsRefusedBeforeAnyRequestLeaves() throws Exception {
        try (CannedAws aws = new CannedAws()) {
            aws.answer("DescribeServices", "{\"services\":[],\"failures\":[]}");
            AwsClients clients = new AwsClients(Region.US_EAST_1, Optional.of(aws.endpoint()),
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")),
                    List.of(new ReadOnlyGuard()));
            var ecs = clients.ecs();

            SdkClientException stop = assertThrows(SdkClientException.class,
                    () -> ecs.stopTask(b -> b.cluster("dev").task("arn:aws:ecs:us-east-1:123456789012:task/dev/1")));
            SdkClientException update = assertThrows(SdkClientException.class,
                    () -> ecs.updateService(b -> b.cluster("dev").service("web").forceNewDeployment(true)));
            assertThrows(SdkClientException.class, () -> clients.logs().putLogEvents(b -> b.logGroupName("g")));

            assertTrue(stop.getMessage().contains("StopTask refused before sending"), stop.getMessage());
            assertTrue(update.getMessage().contains("UpdateService"), update.getMessage());
            assertEquals(List.of(), aws.operations());

            ecs.describeServices(b -> b.cluster("dev").services("web"));
            assertEquals(List.of("DescribeServices"), aws.operations());
        }
    }

    @Test
    void onlyReadsAreAllowed() {
        for (String read : List.of("DescribeServices", "DescribeTasks", "DescribeTaskDefinition", "ListTasks",
                "ListServices", "GetLogEvents", "FilterLogEvents", "SimulatePrincipalPolicy")) {
            assertTrue(ReadOnlyGuard.isRead(read), read);
        }
        for (String write : List.of("StopTask", "UpdateService", "RunTask", "DeleteService", "TagResource",
                "PutLogEvents", "Describe", "Listen", "Getaway", "ExecuteCommand", "SetAlarmState")) {
            assertFalse(ReadOnlyGuard.isRead(write), write);
        }
    }
}
