package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.aws.Timeouts;
import dev.ecsmedic.template.FunctionSpec;
import dev.ecsmedic.template.SamTemplate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The SDK's timeouts are chosen for template.yaml's Timeout: a change of either that breaks the bound fails here. */
class InvocationBoundTest {

    @Test
    void everyFunctionEndsItsInvocationWellBeforeItsTimeout() {
        SamTemplate template = SamTemplate.load(Path.of("..", "template.yaml"), Map.of("ClusterName", "c",
                "WatchedServices", "s", "LogGroupNames", "g"));
        for (FunctionSpec function : template.functions()) {
            Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
            assertEquals(Timeouts.FUNCTION_TIMEOUT, timeout, function.logicalId());
            assertTrue(Timeouts.LAMBDA.worstCaseInvocation().plusSeconds(10).compareTo(timeout) <= 0,
                    function.logicalId() + ": an invocation may take " + Timeouts.LAMBDA.worstCaseInvocation()
                            + " of " + timeout);
        }
    }
}
