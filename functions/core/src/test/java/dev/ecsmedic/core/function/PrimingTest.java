package dev.ecsmedic.core.function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrimingTest {

    private static final Set<String> EVERY_FUNCTION = Set.of("DescribeServices", "ListTasks", "DescribeTasks",
            "DescribeTaskDefinition", "FilterLogEvents", "StopTask", "PutItem", "Publish");

    @Test
    void theStaleLockFunctionPrimesItsReadsActionsClaimAndNotificationOnCannedAnswers() {
        Priming.Primed primed = Priming.prime(Functions.STALE_LOCK);
        assertTrue(primed.operations().containsAll(EVERY_FUNCTION), primed.toString());
        assertFalse(primed.operations().contains("UpdateService"), primed.toString());
        assertFalse(primed.operations().contains("SimulatePrincipalPolicy"), "no IAM client: " + primed);
        assertFalse(primed.operations().contains("ListTagsForResource"), "no CloudWatch client: " + primed);
        assertEquals(3, primed.events(), "task state change, deployment state change, schedule");
    }

    @Test
    void theExecFunctionAlsoPrimesIamEc2AndUpdateService() {
        Priming.Primed primed = Priming.prime(Functions.EXEC_ROLLOUT);
        assertTrue(primed.operations().containsAll(EVERY_FUNCTION), primed.toString());
        assertTrue(primed.operations().containsAll(List.of("UpdateService", "SimulatePrincipalPolicy",
                "DescribeSubnets", "DescribeVpcEndpoints", "DescribeNetworkInterfaces", "DescribeSecurityGroups",
                "DescribeRouteTables", "DescribeClusters")), primed.toString());
        assertEquals(4, primed.events(), primed.toString());
    }

    @Test
    void theAlarmFunctionAlsoPrimesCloudWatchTags() {
        Priming.Primed primed = Priming.prime(Functions.ALARM);
        assertTrue(primed.operations().containsAll(EVERY_FUNCTION), primed.toString());
        assertTrue(primed.operations().contains("ListTagsForResource"), primed.toString());
        assertEquals(1, primed.events(), primed.toString());
    }

    /**
     * Every HTTP connection the JDK's URL connection makes asks the default ProxySelector first (the SDK's
     * url-connection client included): priming asks it nothing, for any host.
     */
    @Test
    void primingAsksNoConnectionOfTheJdk() {
        ProxySelector before = ProxySelector.getDefault();
        List<URI> asked = new ArrayList<>();
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                synchronized (asked) {
                    asked.add(uri);
                }
                return List.of(Proxy.NO_PROXY);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
        try {
            for (FunctionDefinition function : Functions.ALL) {
                Priming.Primed primed = Priming.prime(function);
                assertFalse(primed.hosts().isEmpty());
            }
        } finally {
            ProxySelector.setDefault(before);
        }
        assertEquals(List.of(), asked);
    }

    @Test
    void aFailureIsOneLineAndNeverThrows() {
        List<String> lines = new ArrayList<>();
        Priming failing = new Priming("SomeFunction", () -> {
            throw new IllegalStateException("canned answer missing\nsecond line");
        }, lines::add);
        failing.beforeCheckpoint(null);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("priming SomeFunction failed after "), lines.get(0));
        assertTrue(lines.get(0).endsWith("the snapshot is taken unprimed: java.lang.IllegalStateException: canned"
                + " answer missing"), lines.get(0));
    }

    @Test
    void theHookLogsWhatItPrimedAndBuildsTheFunctionsOwnClients() {
        List<String> lines = new ArrayList<>();
        List<String> built = new ArrayList<>();
        new Priming(Functions.STALE_LOCK, () -> built.add("clients"), lines::add).beforeCheckpoint(null);
        assertEquals(List.of("clients"), built);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).matches("priming StaleLockRemediatorFunction: 3 sample events and \\d+ SDK calls"
                + " answered without a connection in \\d+ ms: .*StopTask.*"), lines.get(0));
    }
}
