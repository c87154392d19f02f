package dev.ecsmedic.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulerTest {
    private static final String C = Scenarios.CLUSTER;
    private static final String P = Scenarios.PROMETHEUS;

    private static EcsWorld incidentAtT0() {
        EcsWorld w = Scenarios.prometheusEfsLock().newWorld();
        Scenario.ScriptStep.forceNewDeployment(Duration.ZERO, C, P).action().accept(w);
        return w;
    }

    private static EcsWorld.DeploymentView primary(EcsWorld w) {
        return w.deployments(C, P).stream().filter(d -> d.status().equals("PRIMARY")).findFirst().orElseThrow();
    }

    @Test
    void settledWorldHasOneHealthyTaskWithExecOff() {
        EcsWorld w = Scenarios.prometheusEfsLock().newWorld();
        List<EcsWorld.TaskView> live = w.tasks(C, P).stream().filter(t -> t.desiredStatus().equals("RUNNING")).toList();
        assertEquals(1, live.size());
        assertEquals("HEALTHY", live.get(0).healthStatus());
        assertFalse(live.get(0).enableExecuteCommand());
        assertEquals("COMPLETED", primary(w).rolloutState());
        assertTrue(w.apiCalls().isEmpty());
        assertTrue(w.drainEvents().isEmpty());
    }

    @Test
    void incidentDeadlocksThenCircuitBreakerFailsAndRollsBack() {
        EcsWorld w = incidentAtT0();
        String oldTask = w.tasks(C, P).get(0).id();
        String firstDeployment = primary(w).id();
        w.advance(Duration.ofMinutes(1));
        assertEquals("IN_PROGRESS", primary(w).rolloutState());
        assertEquals("RUNNING", w.task(oldTask).lastStatus());
        assertTrue(w.tasks(C, P).stream().anyMatch(t -> "EssentialContainerExited".equals(t.stopCode())
                && firstDeployment.equals(t.startedBy())));
        assertTrue(w.logLines(Scenarios.PROMETHEUS_LOG_GROUP).stream().anyMatch(l -> l.contains(
                "caller=main.go:1159 level=error err=\"opening storage failed: lock DB directory: resource temporarily unavailable\"")));

        w.advance(Duration.ofMinutes(15));
        EcsWorld.DeploymentView failed = w.deployments(C, P).stream().filter(d -> d.id().equals(firstDeployment))
                .findFirst().orElseThrow();
        assertEquals("FAILED", failed.rolloutState());
        assertTrue(failed.failedTasks() >= 3);
        EcsWorld.DeploymentView rollback = primary(w);
        assertTrue(rollback.rollback());
        assertTrue(rollback.taskDefinition().endsWith("task-definition/prometheus:1"));
        assertEquals("RUNNING", w.task(oldTask).lastStatus(), "nothing ever stops the lock holder");
    }

    @Test
    void stoppingTheOldTaskLetsTheDeploymentComplete() {
        EcsWorld w = incidentAtT0();
        String oldTask = w.tasks(C, P).get(0).id();
        w.advance(Duration.ofSeconds(40));
        w.call(Scenario.operator(), "ecs", "StopTask", "{\"cluster\":\"" + C + "\",\"task\":\"" + oldTask
                + "\",\"reason\":\"Manual stop to allow new deployment to proceed\"}");
        w.advance(Duration.ofMinutes(4));
        assertEquals("COMPLETED", primary(w).rolloutState());
        EcsWorld.TaskView old = w.task(oldTask);
        assertEquals("STOPPED", old.lastStatus());
        assertEquals("UserInitiated", old.stopCode());
        assertEquals("Manual stop to allow new deployment to proceed", old.stoppedReason());
        EcsWorld.TaskView replacement = w.tasks(C, P).stream().filter(t -> t.desiredStatus().equals("RUNNING"))
                .findFirst().orElseThrow();
        assertTrue(replacement.enableExecuteCommand());
        assertEquals("HEALTHY", replacement.healthStatus());
    }

    @Test
    void recreateBaselineResolvesWithDowntime() {
        RunResult r = new ScenarioRunner().runWithoutFunctions(Scenarios.prometheusEfsLock().recreate());
        assertEquals("COMPLETED", r.summary().finalRolloutState(), r.summary().describe());
        assertTrue(r.summary().downtime().toSeconds() > 20, r.summary().describe());
        assertTrue(r.summary().stoppedTasks().stream().anyMatch(s -> s.stoppedBy().equals(EcsWorld.SCHEDULER)
                && s.reason().startsWith("Scaling activity initiated by (deployment ecs-svc/")));
    }

    @Test
    void doNothingBaselineFailsByCircuitBreaker() {
        RunResult r = new ScenarioRunner().runWithoutFunctions(Scenarios.prometheusEfsLock());
        assertEquals("FAILED", r.summary().finalRolloutState(), r.summary().describe());
        assertEquals(1, r.summary().forcedDeployments());
        assertEquals(Duration.ZERO, r.summary().downtime());
        assertFalse(Scenarios.prometheusEfsLock().check(r).passed());
    }

    @Test
    void healthyRolloutCompletesWithoutDowntime() {
        RunResult r = new ScenarioRunner().runWithoutFunctions(Scenarios.healthyRollout());
        assertEquals("COMPLETED", r.summary().finalRolloutState(), r.summary().describe());
        assertEquals(Duration.ZERO, r.summary().downtime());
        assertTrue(Scenarios.healthyRollout().check(r).passed());
        assertEquals(2, r.summary().stoppedTasks().stream().filter(s -> s.stopCode().equals("ServiceSchedulerInitiated")).count());
    }

    @Test
    void crashingRevisionsLoopAndKeepTheOldTask() {
        for (Scenario s : List.of(Scenarios.crashNotLock(), Scenarios.oomNotLock())) {
            RunResult r = new ScenarioRunner().runWithoutFunctions(s);
            assertEquals("IN_PROGRESS", r.summary().finalRolloutState(), s.name());
            assertTrue(s.check(r).passed(), s.name());
            assertTrue(r.summary().stoppedTasks().stream().allMatch(t -> t.stopCode().equals("EssentialContainerExited")));
        }
        EcsWorld w = Scenarios.oomNotLock().newWorld();
        Scenarios.oomNotLock().script().get(0).action().accept(w);
        w.advance(Duration.ofMinutes(2));
        assertTrue(w.tasks(C, P).stream().anyMatch(t -> "EssentialContainerExited".equals(t.stopCode())));
    }

    @Test
    void execAgentStaysPendingWithoutSsmMessagesPermissions() {
        EcsWorld w = EcsWorld.create();
        w.cluster(C);
        w.registerTaskDefinition(Scenarios.webTaskDefinition().withoutSsmMessagesPermissions());
        w.createService(ServiceSpec.of(C, "web", "web", 1).withExecuteCommand(true));
        w.settle(Duration.ofMinutes(5));
        String body = Json.write(w.call("t", "ecs", "DescribeTasks", "{\"cluster\":\"" + C + "\",\"tasks\":[\""
                + w.tasks(C, "web").get(0).id() + "\"]}"));
        assertTrue(body.contains("\"name\":\"ExecuteCommandAgent\",\"lastStatus\":\"PENDING\""), body);
    }

    @Test
    void baselinesRunInWellUnderASecond() {
        ScenarioRunner runner = new ScenarioRunner();
        for (Scenario s : Scenarios.all()) {
            for (Scenario variant : List.of(s, s.recreate())) {
                long start = System.nanoTime();
                runner.runWithoutFunctions(variant);
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 900, variant.name() + " took " + millis + " ms");
            }
        }
    }

    @Test
    void failingHealthChecksAreReplacedAndTripTheCircuitBreaker() {
        EcsWorld w = EcsWorld.create();
        w.cluster(C);
        w.registerTaskDefinition(Scenarios.webTaskDefinition());
        w.createService(ServiceSpec.of(C, "web", "web", 1));
        w.settle(Duration.ofMinutes(5));
        w.registerRevision("web", td -> td.withContainers(List.of(td.containers().get(0)
                .withBehavior(new ContainerBehavior.NeverHealthy())
                .withHealthCheck(ContainerSpec.HealthCheck.http("http://localhost/", Duration.ofSeconds(10))))));
        Scenario.ScriptStep.deployTaskDefinition(Duration.ZERO, C, "web", "web:2").action().accept(w);
        w.advance(Duration.ofMinutes(20));
        assertTrue(w.tasks(C, "web").stream().anyMatch(t -> "Task failed container health checks".equals(t.stoppedReason())
                && "UNHEALTHY".equals(t.healthStatus())));
        assertTrue(w.deployments(C, "web").stream().anyMatch(d -> d.rolloutState().equals("FAILED")));
        EcsWorld.DeploymentView web = w.deployments(C, "web").stream().filter(d -> d.status().equals("PRIMARY"))
                .findFirst().orElseThrow();
        assertEquals("COMPLETED", web.rolloutState(), "the rollback to web:1 completes");
        assertTrue(web.rollback());
    }
}
