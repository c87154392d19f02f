package dev.ecsmedic.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecsmedic.testkit.EcsWorld;
import dev.ecsmedic.testkit.FaultInjector;
import dev.ecsmedic.testkit.RunResult;
import dev.ecsmedic.testkit.RunnerOptions;
import dev.ecsmedic.testkit.Scenarios;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deployed with {@code NotificationTopicArn} while SNS fails most Publish calls in every way, often after it took
 * the message: each action is still carried out once, and a failed notification never makes an invocation throw
 * (for Lambda to retry the event) or act again; the report says the notification failed.
 */
class NotificationFaultsTest {

    private static final double RATE = 0.8;

    @ParameterizedTest(name = "{0}: {1} once")
    @CsvSource({"prometheus-efs-lock, StopTask", "exec-enable, UpdateService"})
    void aFailedNotificationNeverRepeatsTheAction(String scenario, String action) {
        int publishFaults = 0;
        int lostAnswers = 0;
        int failedNotes = 0;
        for (long seed = 1; seed <= 5; seed++) {
            Simulation.Outcome outcome = Simulation.run(Scenarios.byName(scenario), FaultScenariosTest.TEMPLATE,
                    FaultScenariosTest.NOTIFIED, RunnerOptions.defaults().withFaults(FaultInjector.Config.of(RATE, seed)
                            .only(Set.of("Publish"), Set.of(FaultInjector.Kind.values())).answersLost()), false);
            String where = scenario + " seed " + seed;
            RunResult run = outcome.run();

            assertTrue(outcome.verdict().passed(), where + ": " + outcome.verdict() + "\n" + run.summary().describe());
            List<EcsWorld.ApiCall> acted = run.callsByFunctions().stream()
                    .filter(c -> c.operation().equals(action)).toList();
            assertEquals(1, acted.size(), where + ": " + action + " was sent " + acted.size() + " times\n"
                    + run.summary().describe());
            if (action.equals("StopTask")) {
                assertEquals(1, run.summary().stoppedBy(StaleLockScenariosTest.FUNCTION).size(), where);
            } else {
                assertEquals(1, run.summary().forcedDeployments(), where);
            }
            assertFalse(run.invocations().stream().anyMatch(i -> i.text().contains("errorType")),
                    where + ": an invocation threw, so Lambda would retry its event");
            assertTrue(run.endings().complete(), where + ": " + run.endings());
            assertEquals(0, run.endings().queued(), where + ": " + run.endings());
            publishFaults += outcome.faults().size();
            lostAnswers += (int) outcome.faults().stream().filter(FaultInjector.Injected::afterEffect).count();
            failedNotes += (int) run.invocations().stream().filter(i -> i.text().contains("notification failed"))
                    .count();
        }
        System.out.printf("%s: %d Publish faults (%d after SNS took the message), %d reports saying the "
                + "notification failed%n", scenario, publishFaults, lostAnswers, failedNotes);
        assertTrue(lostAnswers > 0, "some Publish answers were lost after SNS took the message");
        assertTrue(failedNotes > 0, "some notification failed for good and its report says so");
    }
}
