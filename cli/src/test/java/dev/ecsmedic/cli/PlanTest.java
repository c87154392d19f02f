package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.testkit.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/** plan against the incident's state served on 127.0.0.1: it says what it would stop, and stops nothing. */
class PlanTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/observability/9d2f6a1b3c4e4f5a8b7c6d5e4f3a2b1c";

    private static Cli plan(CannedAws aws, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("plan", "--cluster", "observability",
                "--template", Cli.repo("template.yaml"), "--region", "us-east-1",
                "--endpoint-url", aws.endpoint().toString(),
                "--parameter-overrides", "LogGroupNames=/ecs/observability/prometheus"));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void givenTheDeadlockPlanShowsTheStopAndWhyButStopsNothingEvenWithDryRunOff() throws Exception {
        try (CannedAws aws = CannedAws.incident()) {
            Cli run = plan(aws, "DryRun=false", "--service", "prometheus");

            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("~ StopTask " + TASK), run.out());
            assertTrue(run.out().contains("lock evidence from new task e1c52b7f0a3d4c9e8f6a2b1d7c4e9f03"), run.out());
            assertTrue(run.out().contains("Plan: 1 action(s)."), run.out());
            assertFalse(aws.operations().contains("StopTask"), aws.operations().toString());
            assertFalse(aws.operations().contains("UpdateService"), aws.operations().toString());
        }
    }

    @Test
    void jsonIsTheReportTheFunctionWouldReturnInDryRun() throws Exception {
        try (CannedAws aws = CannedAws.incident()) {
            Cli run = plan(aws, "--service", "prometheus", "--json");

            JsonNode report = JSON.readTree(run.out());
            assertEquals("STOP_STALE_TASKS", report.get("decision").asText());
            assertTrue(report.get("dryRun").asBoolean());
            assertEquals(TASK, report.at("/actions/0/target").asText());
            assertFalse(report.at("/actions/0/executed").asBoolean());
        }
    }

    @Test
    void givenACompletedRolloutPlanSaysWhyNothingWouldBeDone() throws Exception {
        try (CannedAws aws = CannedAws.incident()) {
            aws.answer("DescribeServices", "{\"services\":[{\"serviceName\":\"prometheus\",\"status\":\"ACTIVE\","
                    + "\"desiredCount\":1,\"deployments\":[{\"id\":\"ecs-svc/1\",\"status\":\"PRIMARY\","
                    + "\"rolloutState\":\"COMPLETED\",\"desiredCount\":1,\"runningCount\":1}]}],\"failures\":[]}");

            Cli run = plan(aws, "--service", "prometheus");

            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("deployment ecs-svc/1 is COMPLETED; no rollout in progress"), run.out());
            assertTrue(run.out().contains("No changes."), run.out());
            assertEquals(List.of("DescribeServices", "DescribeServices"), aws.operations(),
                    "the service is looked up, then planned for, and nothing else is read");
        }
    }

    @Test
    void allWatchedPlansEveryServiceWatchedServicesNames() throws Exception {
        try (CannedAws aws = CannedAws.incident()) {
            Cli run = plan(aws, "WatchedServices=prometheus", "--all-watched");

            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("swept 1 watched service(s) of cluster observability"), run.out());
            assertTrue(run.out().contains("service observability/prometheus: STOP_STALE_TASKS"), run.out());
        }
    }

    @Test
    void aServiceTheStackDoesNotWatchIsPlannedWithANote() throws Exception {
        try (CannedAws aws = CannedAws.incident()) {
            Cli run = plan(aws, "WatchedServices=grafana", "--service", "prometheus");

            assertTrue(run.out().contains("note: WatchedServices=grafana does not name prometheus"), run.out());
        }
    }

    @Test
    void whenAwsCannotBeReadPlanFails() throws Exception {
        try (CannedAws aws = new CannedAws()) {
            Cli run = plan(aws, "--service", "prometheus");

            assertEquals(1, run.exit());
            assertTrue(run.out().contains("Plan failed"), run.out());
        }
    }

    @Test
    void againstTheSimulatedIncidentPlanShowsTheStopOfTheLockHolder() {
        Cli run = Cli.run("plan", "--cluster", Scenarios.CLUSTER, "--service", "prometheus", "--template",
                Cli.repo("template.yaml"), "--simulate", "prometheus-efs-lock@60");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("service " + Scenarios.CLUSTER + "/prometheus: STOP_STALE_TASKS"), run.out());
        assertTrue(run.out().contains("~ StopTask arn:aws:ecs:us-east-1:123456789012:task/" + Scenarios.CLUSTER + "/"), run.out());
        assertTrue(run.out().contains("Plan: 1 action(s)."), run.out());
    }

    @Test
    void planRunsEveryRemediationSoItShowsTheExecRolloutToo() {
        Cli run = Cli.run("plan", "--cluster", Scenarios.CLUSTER, "--service", "prometheus", "--template",
                Cli.repo("template.yaml"), "--simulate", "exec-enable-prometheus@1000");

        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("service " + Scenarios.CLUSTER + "/prometheus: FORCE_NEW_DEPLOYMENT"), run.out());
        assertTrue(run.out().contains("~ ForceNewDeployment service/" + Scenarios.CLUSTER + "/prometheus"), run.out());
        assertTrue(run.out().contains("stale-lock: "), "both remediations give their reasons: " + run.out());
    }

    @Test
    void aServiceThatDoesNotExistIsAUsageErrorNotNoChanges() {
        Cli run = Cli.run("plan", "--cluster", Scenarios.CLUSTER, "--service", "nope", "--template",
                Cli.repo("template.yaml"), "--simulate", "prometheus-efs-lock@60");

        assertEquals(2, run.exit(), run.out() + run.err());
        assertEquals("", run.out());
        assertTrue(run.err().strip().endsWith("\necs-medic plan: no service nope in cluster " + Scenarios.CLUSTER),
                run.err());
    }

    @Test
    void aClusterThatDoesNotExistIsAUsageErrorForPlanAndExecCheckAlike() {
        for (String command : List.of("plan", "exec-check")) {
            Cli run = Cli.run(command, "--cluster", "nope", "--service", "prometheus", "--template",
                    Cli.repo("template.yaml"), "--simulate", "prometheus-efs-lock@60");

            assertEquals(2, run.exit(), command + ": " + run.out() + run.err());
            assertTrue(run.err().strip().endsWith("\necs-medic " + command + ": no cluster nope"), run.err());
        }
    }

    @Test
    void detailedExitcodeIsTwoWhenEcsMedicWouldAct() throws Exception {
        try (CannedAws aws = CannedAws.incident()) {
            Cli run = plan(aws, "--service", "prometheus", "--detailed-exitcode");

            assertEquals(2, run.exit(), run.err());
            assertTrue(run.out().contains("Plan: 1 action(s)."), run.out());
        }
    }

    @Test
    void detailedExitcodeIsZeroWhenThereIsNothingToDo() throws Exception {
        try (CannedAws aws = CannedAws.incident()) {
            aws.answer("DescribeServices", "{\"services\":[{\"serviceName\":\"prometheus\",\"status\":\"ACTIVE\","
                    + "\"desiredCount\":1,\"deployments\":[{\"id\":\"ecs-svc/1\",\"status\":\"PRIMARY\","
                    + "\"rolloutState\":\"COMPLETED\",\"desiredCount\":1,\"runningCount\":1}]}],\"failures\":[]}");

            Cli run = plan(aws, "--service", "prometheus", "--detailed-exitcode");

            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("No changes."), run.out());
        }
    }

    @Test
    void detailedExitcodeMakesEveryErrorOne() throws Exception {
        try (CannedAws aws = new CannedAws()) {
            assertEquals(1, plan(aws, "--service", "prometheus", "--detailed-exitcode").exit(), "AWS unreadable");
        }
        Cli missing = Cli.run("plan", "--cluster", Scenarios.CLUSTER, "--service", "nope", "--template",
                Cli.repo("template.yaml"), "--simulate", "prometheus-efs-lock@60", "--detailed-exitcode");
        assertEquals(1, missing.exit(), missing.err());
        assertTrue(missing.err().contains("no service nope"), missing.err());
        Cli usage = Cli.run("plan", "--cluster", Scenarios.CLUSTER, "--detailed-exitcode");
        assertEquals(1, usage.exit(), usage.err());
        assertTrue(usage.err().contains("--service"), usage.err());
    }
}
