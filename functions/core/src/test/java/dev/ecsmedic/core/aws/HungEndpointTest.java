package dev.ecsmedic.core.aws;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.function.Functions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that accepts connections and never answers: with the clients as Lambda builds them, an invocation
 * still ends with a FAILED report and a thrown error (for Lambda's retry) well before the function's Timeout.
 */
class HungEndpointTest {

    @Test
    void aHungEndpointGivesAFailedReportBeforeLambdaWouldKillTheFunction() throws Exception {
        try (ServerSocket hung = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hung.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            List<String> log = new ArrayList<>();
            AwsClients clients = AwsClients.local(URI.create("http://127.0.0.1:" + hung.getLocalPort()));
            Remediator remediator = Functions.STALE_LOCK.compose(clients,
                            Map.of("CLUSTER_NAME", "observability", "WATCHED_SERVICES", "prometheus",
                                    "LOG_GROUP_NAMES", "/ecs/observability/prometheus", "DRY_RUN", "false",
                                    "CLAIMS_TABLE", "ecs-medic-claims"))
                    .log(log::add).build();
            // built first, as a primed snapshot has them: the bound is on the calls, not on building clients
            clients.buildClients();
            byte[] event = Files.readAllBytes(Path.of("../../events/ecs-task-stopped-lock-error.json"));

            long start = System.nanoTime();
            assertThrows(Remediator.RemediationFailedException.class, () -> remediator.handle(event));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(Timeouts.LAMBDA.apiCall().plusSeconds(2)) < 0, "took " + took);
            assertTrue(Timeouts.LAMBDA.worstCaseInvocation().compareTo(Timeouts.FUNCTION_TIMEOUT.minusSeconds(10)) <= 0,
                    "an invocation can take " + Timeouts.LAMBDA.worstCaseInvocation());
            assertTrue(log.size() == 1 && log.get(0).contains("\"decision\":\"FAILED\""), String.valueOf(log));
            assertTrue(log.get(0).contains("Timeout"), log.get(0));
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
