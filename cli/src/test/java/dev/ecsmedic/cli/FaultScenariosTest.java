package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.testkit.FaultInjector;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenario;
import dev.ecsmedic.testkit.Scenarios;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every scenario with the real functions, deployed with a notification topic, while the simulator fails a fifth of
 * their calls to every service (ECS, CloudWatch Logs, CloudWatch, IAM, EC2 and SNS; every fault kind, and ECS's
 * eventual consistency), over five seeds: each reaches its expected outcome with the same actions as without
 * faults, and every event ends in a report or in the failed-events queue.
 */
class FaultScenariosTest {

    static final Path TEMPLATE = Path.of("..", "template.yaml");
    static final double RATE = 0.2;
    static final long[] SEEDS = {1, 2, 3, 4, 5};
    static final Map<String, String> NOTIFIED = Map.of("NotificationTopicArn",
            "arn:aws:sns:us-east-1:123456789012:ecs-medic-actions");
    /** The query-protocol calls the functions make: IAM's policy simulator, EC2's reads, SNS's Publish. */
    static final Map<String, Set<String>> QUERY_CALLS = Map.of("iam", Set.of("SimulatePrincipalPolicy"),
            "ec2", Set.of("DescribeSubnets", "DescribeVpcEndpoints",
                    "DescribeNetworkInterfaces", "DescribeSecurityGroups", "DescribeRouteTables"), "sns", Set.of("Publish"));

    @Test
    void everyScenarioReachesItsOutcomeAtATwentyPercentFaultRate() {
        Map<FaultInjector.Kind, Integer> injected = new TreeMap<>();
        Map<String, Integer> queryFaults = new TreeMap<>();
        int runs = 0;
        int queued = 0;
        StringBuilder table = new StringBuilder();
        for (Scenario scenario : Scenarios.all()) {
            Actions expected = Actions.of(Simulation.run(scenario, TEMPLATE, NOTIFIED, RunnerOptions.defaults(),
                    false).run());
            for (long seed : SEEDS) {
                Simulation.Outcome outcome = Simulation.run(scenario, TEMPLATE, NOTIFIED,
                        RunnerOptions.defaults().withFaults(FaultInjector.Config.of(RATE, seed)), false);
                String where = scenario.name() + " seed " + seed;
                RunResult run = outcome.run();
                assertTrue(outcome.verdict().passed(), where + ": " + outcome.verdict() + "\n"
                        + run.summary().describe() + "\n" + run.failedEvents());
                RunResult.Endings endings = run.endings();
                assertTrue(endings.complete(), where + ": an event ended neither in a report nor in the queue: "
                        + endings);
                assertEquals(expected, Actions.of(run), where + ": the functions acted otherwise than without "
                        + "faults\n" + run.summary().describe());
                outcome.faults().forEach(f -> injected.merge(f.kind(), 1, Integer::sum));
                QUERY_CALLS.forEach((service, operations) -> queryFaults.merge(service, (int) outcome.faults().stream()
                        .filter(f -> operations.contains(f.operation())).count(), Integer::sum));
                queued += endings.queued();
                runs++;
                table.append(String.format("%-26s seed %d: %3d faults, %3d events, %d queued%n", scenario.name(),
                        seed, outcome.faults().size(), endings.delivered(), endings.queued()));
            }
        }
        System.out.printf("fault rate %.2f, %d scenarios x %d seeds = %d runs; injected %s; of them into IAM, EC2 "
                + "and SNS calls %s; events in the failed-events queue: %d%n%s", RATE, Scenarios.all().size(),
                SEEDS.length, runs, injected, queryFaults, queued, table);
        assertEquals(FaultInjector.Kind.values().length, injected.size(), "every fault kind was injected");
        QUERY_CALLS.keySet().forEach(service -> assertTrue(queryFaults.get(service) > 0,
                "faults were injected into " + service + " calls: " + queryFaults));
    }

    /**
     * What the functions changed: how many tasks they stopped (each stop ECS acted on; a repeated StopTask of a
     * stopping task changes nothing) and how many deployments they forced.
     */
    record Actions(long tasksStopped, long deploymentsForced) {
        static Actions of(RunResult run) {
            long stopped = run.summary().stoppedTasks().stream()
                    .filter(s -> run.functionIds().contains(s.stoppedBy())).count();
            return new Actions(stopped, run.summary().forcedDeployments());
        }
    }
}
