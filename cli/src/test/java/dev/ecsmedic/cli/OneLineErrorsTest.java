package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.event.EventParser;
import dev.ecsmedic.testkit.Scenarios;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a user gets wrong ends in one line on stderr that says what is accepted, and a non-zero exit. */
class OneLineErrorsTest {

    private static final String FIXTURES = Path.of("src/test/resources/fixture-template.yaml").toString();

    private static void assertOneLine(Cli run, String expected) {
        assertEquals(2, run.exit(), run.out() + run.err());
        String[] lines = run.err().strip().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(last.contains(expected), run.err());
        assertFalse(run.err().contains("\tat ") || run.err().contains("Exception:"), "no stack trace: " + run.err());
    }

    @Test
    void aMissingEventFileIsNamed(@TempDir Path dir) {
        String missing = dir.resolve("nope.json").toString();

        Cli run = Cli.run("invoke", "EchoFunction", "-t", FIXTURES, "--event", missing);

        assertOneLine(run, "ecs-medic invoke: no event file " + missing);
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "60s", "-5", ""})
    void aSimulateTimeThatIsNotWholeSecondsSaysWhatIsAccepted(String time) {
        Cli run = Cli.run("plan", "--cluster", Scenarios.CLUSTER, "--service", "prometheus", "--template",
                Cli.repo("template.yaml"), "--simulate", "prometheus-efs-lock@" + time);

        assertOneLine(run, "ecs-medic plan: --simulate SCENARIO@SECONDS: SECONDS is whole seconds after the "
                + "scenario's t0, 0 to 999999999 (e.g. prometheus-efs-lock@60), not '" + time + "'");
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void aSimulatedAccountWithTheFunctionsReactingIsPlayedAsFarAsAsked() {
        Duration t0 = Duration.ofSeconds(Scenarios.byName("exec-agent-not-running").newWorld().now().getEpochSecond());
        try (SimulatedAccount account = SimulatedAccount.start("exec-agent-not-running@600",
                Optional.of(Path.of(Cli.repo("template.yaml"))), Map.of())) {
            Duration played = Duration.ofSeconds(account.world().now().getEpochSecond()).minus(t0);

            assertTrue(played.compareTo(Duration.ofSeconds(600)) >= 0
                    && played.compareTo(Duration.ofSeconds(601)) <= 0, "played " + played);
        }
    }

    @Test
    void aPortInUseIsSaidInOneLine() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli run = Cli.run("simulator", "--scenario", "prometheus-efs-lock", "--template",
                    Cli.repo("template.yaml"), "--port", Integer.toString(taken.getLocalPort()));

            assertOneLine(run, "ecs-medic simulator: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is in use; choose another --port, or 0 for a free one");
        }
    }

    @Test
    void aMalformedEventIsWarnedAboutThenInvokedAndTheFunctionReportsIt(@TempDir Path dir) throws Exception {
        Path event = Files.writeString(dir.resolve("bad.json"), "{\"detail-type\": ");

        Cli run = Cli.run("invoke", "StaleLockRemediatorFunction", "-t", Cli.repo("template.yaml"), "-e",
                event.toString(), "--simulate", "prometheus-efs-lock");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().startsWith("warning: event file " + event + " is not well-formed JSON (Unexpected "
                + "end-of-input"), run.err());
        assertTrue(run.out().contains("\"cause\":\"malformed input\""), run.out());
    }

    @Test
    void anEventOverTheFunctionsLimitIsInvokedWithItsExactSize(@TempDir Path dir) throws Exception {
        int size = EventParser.MAX_EVENT_BYTES + 1000;
        Path event = Files.write(dir.resolve("big.json"), json(size));

        Cli run = Cli.run("invoke", "StaleLockRemediatorFunction", "-t", Cli.repo("template.yaml"), "-e",
                event.toString(), "--simulate", "prometheus-efs-lock");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.err().startsWith("warning: event file " + event + " is " + size + " bytes, over the 262144 "
                + "bytes (256 KB, EventBridge's event size limit) a function reads"), run.err());
        assertTrue(run.out().contains("\"cause\":\"oversized input\""), run.out());
    }

    @Test
    void anEventOverLambdasSynchronousLimitIsRefusedAsLambdaRefusesIt(@TempDir Path dir) throws Exception {
        int size = 6 * 1024 * 1024 + 1;
        Path event = Files.write(dir.resolve("huge.json"), json(size));

        Cli run = Cli.run("invoke", "EchoFunction", "-t", FIXTURES, "-e", event.toString());

        assertOneLine(run, "ecs-medic invoke: event file " + event + " is 6291457 bytes, over Lambda's 6 MB "
                + "(6291456-byte) synchronous invocation payload limit: Lambda would refuse it");
        assertEquals("", run.out());
    }

    /** A well-formed JSON object of exactly {@code size} bytes. */
    private static byte[] json(int size) {
        String text = "{\"x\":\"" + "a".repeat(size - 8) + "\"}";
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(size, bytes.length);
        return bytes;
    }
}
