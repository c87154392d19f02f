package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every row of events/README.md (what each sample in events/ pairs with), run as the row says ({@code invoke FUNCTION
 * --simulate SCENARIO@SECONDS --event events/FILE}), gives the decision the row promises; and every sample in
 * events/ has its row.
 */
class EventsReadmeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of the table: the sample, the function, the scenario and time, the decision. */
    private record Row(String file, String function, String world, String decision) {}

    @Test
    void everyRowGivesTheDecisionItPromises() throws Exception {
        List<Row> rows = rows();
        for (Row row : rows) {
            Cli run = Cli.run("invoke", row.function(), "--simulate", row.world(),
                    "--event", Cli.repo("events/" + row.file()), "-t", Cli.repo("template.yaml"));
            assertEquals(0, run.exit(), row + ": " + run.err());
            JsonNode report = JSON.readTree(run.out());
            assertEquals(row.decision(), report.path("decision").asText(), row + ": " + report);
        }
        try (Stream<Path> files = Files.list(Cli.REPO.resolve("events"))) {
            Set<String> samples = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = rows.stream().map(Row::file).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(samples, documented, "every sample has one row");
            assertEquals(samples.size(), rows.size(), "one row per sample");
        }
    }

    private static List<Row> rows() throws Exception {
        return Files.readAllLines(Cli.REPO.resolve("events/README.md")).stream()
                .filter(line -> line.startsWith("| `"))
                .map(line -> Arrays.stream(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip).toList())
                .map(cells -> new Row(code(cells.get(0)), code(cells.get(2)), code(cells.get(3)), code(cells.get(4))))
                .toList();
    }

    /** The first `code` span of a cell. */
    private static String code(String cell) {
        int start = cell.indexOf('`');
        return cell.substring(start + 1, cell.indexOf('`', start + 1));
    }
}
