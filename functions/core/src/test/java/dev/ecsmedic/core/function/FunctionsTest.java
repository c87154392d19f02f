package dev.ecsmedic.core.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.policy.Remediation;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one list of functions: each named once, composed from its environment, with what it needs and no more. */
class FunctionsTest {

    private static final Map<String, String> ENV = Map.of("CLUSTER_NAME", "observability",
            "WATCHED_SERVICES", "prometheus");

    @Test
    void everyFunctionIsNamedOnceAndEveryRemediationIsRunBySome() {
        assertEquals(List.of("StaleLockRemediatorFunction", "ExecRolloutFunction", "AlarmRemediatorFunction"),
                Functions.ALL.stream().map(FunctionDefinition::name).toList());
        assertEquals(List.of(Remediation.STALE_LOCK, Remediation.EXEC_ROLLOUT), Functions.remediations());
        assertEquals(Functions.EXEC_ROLLOUT, Functions.named("ExecRolloutFunction").orElseThrow());
        assertTrue(Functions.named("Nope").isEmpty());
        assertEquals("dev.ecsmedic.alarm.AlarmHandler", Functions.ALARM.handlerClass());
    }

    @Test
    void onlyTheAlarmFunctionResolvesAlarms() {
        for (FunctionDefinition function : Functions.ALL) {
            assertEquals(function == Functions.ALARM,
                    function.triggers().contains(FunctionDefinition.Source.ALARMS), function.name());
        }
    }

    @Test
    void composingBuildsNoClientThatTheFunctionsJarLacksAndReadsTheTopicFromItsEnvironment() {
        AwsClients clients = AwsClients.local(URI.create("http://127.0.0.1:9"));
        for (FunctionDefinition function : Functions.ALL) {
            function.compose(clients, ENV).build();
            function.compose(clients, Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "s",
                    FunctionDefinition.NOTIFICATION_TOPIC_ARN, "arn:aws:sns:us-east-1:123456789012:t")).build();
        }
        assertEquals(List.of(), clients.calls().since(0), "composing a function calls nothing");
    }

    @Test
    void aFunctionRunsAtLeastOneRemediation() {
        assertThrows(IllegalArgumentException.class, () -> new FunctionDefinition("Empty", "x::handleRequest",
                List.of(), Set.of()));
    }
}
