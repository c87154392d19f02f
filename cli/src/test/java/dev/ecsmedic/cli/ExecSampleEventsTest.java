package dev.ecsmedic.cli;

import static dev.ecsmedic.cli.DeployedFunctions.EXEC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.Scenarios;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample in events/ through the real handler, in the deployed default (dry run), against the incident's
 * world: exec just enabled on the Prometheus service, whose task started without it.
 */
class ExecSampleEventsTest {

    private static final Path EVENTS = Path.of("../events");
    private static final Map<String, String> ROUTED = Map.of(
            "cloudtrail-update-service-enable-exec.json", "FORCE_NEW_DEPLOYMENT",
            "cloudtrail-create-service-enable-exec.json", "FORCE_NEW_DEPLOYMENT",
            "ecs-deployment-completed.json", "EXEC_NOT_READY",
            "ecs-deployment-failed.json", "EXEC_NOT_READY",
            "scheduled-safety-net.json", "EXEC_NOT_READY");

    private EcsWorld world;

    @BeforeEach
    void incident() {
        world = Scenarios.prometheusEfsLock().newWorld();
    }

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void theHandlerAnswersEverySampleWithAReportAndChangesNothingInDryRun(String file) throws Exception {
        JsonNode report;
        try (DeployedFunctions functions = new DeployedFunctions(world, Map.of())) {
            world.actingAs(EXEC);
            report = DeployedFunctions.json(functions.invoke(EXEC, Files.readAllBytes(EVENTS.resolve(file))));
        }

        assertEquals(EXEC, report.path("function").asText());
        assertTrue(report.path("dryRun").asBoolean(), report.toString());
        assertEquals(List.of(), world.apiCalls().stream().filter(c -> c.operation().equals("UpdateService"))
                .toList(), file);
        if (ROUTED.containsKey(file)) {
            assertEquals(ROUTED.get(file), report.path("decision").asText(), file + ": " + report);
        }
    }
}
