package dev.ecsmedic.core.policy.properties;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ecsmedic.core.policy.Decision;
import dev.ecsmedic.core.policy.ExecRolloutPolicy;
import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.DeploymentStatus;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskStatus;
import dev.ecsmedic.core.view.TaskView;
import dev.ecsmedic.core.view.TaskView.ContainerView;
import dev.ecsmedic.core.view.TaskView.ManagedAgent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * When the exec rollout never forces a deployment, on generated services: exec on or off, 0 to 3 desired tasks,
 * 1 to 3 deployments in every rollout state and age, running and stopping tasks with and without exec, and
 * exec enabled (as CloudTrail recorded) before or after the PRIMARY deployment, or not recorded.
 */
class ExecRolloutProperties {

    static final Duration COOLDOWN = Duration.ofSeconds(900);
    static final Instant NOW = Instant.parse("2025-11-13T22:40:00Z");

    /** One task: whether it runs, whether it started with exec, and whether its exec agent runs. */
    record Task(TaskStatus last, TaskStatus desired, boolean exec, boolean agentRunning) {}

    /** One deployment: its rollout state and how many seconds before now it was created. */
    record Rollout(RolloutState state, int ageSeconds) {}

    /** Exec enabled: not recorded, before the PRIMARY deployment was created, or after. */
    enum Enabled { NOT_RECORDED, BEFORE_PRIMARY, AFTER_PRIMARY }

    record Exec(boolean execOnService, int desiredCount, Rollout primary, List<Rollout> older, List<Task> tasks,
                Enabled enabled) {

        ServiceView view() {
            List<Deployment> deployments = new ArrayList<>();
            deployments.add(deployment(0, DeploymentStatus.PRIMARY, primary));
            for (int i = 0; i < older.size(); i++) {
                deployments.add(deployment(i + 1, DeploymentStatus.ACTIVE, older.get(i)));
            }
            List<TaskView> views = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                Task t = tasks.get(i);
                Instant created = NOW.minusSeconds(3000);
                List<ManagedAgent> agents = t.exec() ? List.of(new ManagedAgent("ExecuteCommandAgent",
                        t.agentRunning() ? "RUNNING" : "PENDING", "", Optional.of(created))) : List.of();
                views.add(new TaskView(ServiceStates.taskArn(0, i, ServiceStates.Owner.THIS_SERVICE),
                        ServiceStates.revision(0), "service:prometheus", deployments.get(i % deployments.size()).id(),
                        t.last(), t.desired(), HealthStatus.HEALTHY, t.exec(), "FARGATE", "1.4.0",
                        Optional.of(created), Optional.of(created.plusSeconds(20)), Optional.empty(), "", "",
                        List.of(new ContainerView("prometheus", Optional.empty(), "", t.last().name(), "HEALTHY",
                                agents))));
            }
            return new ServiceView(ServiceStates.CLUSTER, ServiceStates.SERVICE, "ACTIVE", execOnService,
                    desiredCount, deployments, views, Map.of());
        }

        Optional<Instant> execEnabledAt() {
            Instant created = NOW.minusSeconds(primary.ageSeconds());
            return switch (enabled) {
                case NOT_RECORDED -> Optional.empty();
                case BEFORE_PRIMARY -> Optional.of(created.minusSeconds(30));
                case AFTER_PRIMARY -> Optional.of(created.plusSeconds(1));
            };
        }

        private static Deployment deployment(int i, DeploymentStatus status, Rollout r) {
            Instant created = NOW.minusSeconds(r.ageSeconds());
            return new Deployment("ecs-svc/" + (2000000000000000000L + i), status, r.state(), "",
                    ServiceStates.revision(0), 1, 0, 1, 0, created, created);
        }
    }

    /** Weighted towards the boundary: exec on, one settled deployment, running tasks without exec. */
    @Provide
    Arbitrary<Exec> services() {
        Arbitrary<Task> task = Combinators.combine(
                Arbitraries.frequency(Tuple.of(4, TaskStatus.RUNNING), Tuple.of(1, TaskStatus.PENDING),
                        Tuple.of(1, TaskStatus.STOPPED)),
                Arbitraries.frequency(Tuple.of(4, TaskStatus.RUNNING), Tuple.of(1, TaskStatus.STOPPED)),
                Arbitraries.of(false, true), Arbitraries.of(false, true)).as(Task::new);
        Arbitrary<Rollout> rollout = Combinators.combine(
                Arbitraries.frequency(Tuple.of(3, RolloutState.COMPLETED), Tuple.of(1, RolloutState.FAILED),
                        Tuple.of(1, RolloutState.IN_PROGRESS), Tuple.of(1, RolloutState.NONE)),
                Arbitraries.of(5, 300, 899, 901, 3600, 259_200)).as(Rollout::new);
        Arbitrary<List<Rollout>> older = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.of())),
                Tuple.of(1, rollout.list().ofMinSize(1).ofMaxSize(2)));
        return Combinators.combine(Arbitraries.frequency(Tuple.of(4, true), Tuple.of(1, false)),
                Arbitraries.integers().between(0, 3), rollout, older, task.list().ofMaxSize(3),
                Arbitraries.of(Enabled.class)).as(Exec::new);
    }

    private static Plan decide(Exec e) {
        Plan plan = ExecRolloutPolicy.decide(e.view(), COOLDOWN, NOW, e.execEnabledAt());
        Statistics.label("decision").collect(plan.decision());
        return plan;
    }

    @Property(tries = 1000)
    void neverForcesWhenEveryRunningTaskHasExec(@ForAll("services") Exec e) {
        Plan plan = decide(e);
        if (e.view().tasks().stream().filter(TaskView::running).allMatch(TaskView::enableExecuteCommand)) {
            assertNotEquals(Decision.FORCE_NEW_DEPLOYMENT, plan.decision(), plan.reasons().toString());
        }
    }

    @Property(tries = 1000)
    void neverForcesWhileAReplacingRolloutIsInProgress(@ForAll("services") Exec e) {
        Plan plan = decide(e);
        if (!e.older().isEmpty() || e.primary().state() == RolloutState.IN_PROGRESS) {
            assertNotEquals(Decision.FORCE_NEW_DEPLOYMENT, plan.decision(), plan.reasons().toString());
        }
    }

    @Property(tries = 1000)
    void neverForcesTwiceWithinTheCooldown(@ForAll("services") Exec e) {
        Plan plan = decide(e);
        boolean recent = e.primary().ageSeconds() < COOLDOWN.toSeconds();
        // A task that started before exec was enabled was never replaced since: forcing for it is the first time.
        boolean startedBeforeEnabled = e.execEnabledAt().map(at -> e.view().tasks().stream()
                .filter(t -> t.running() && !t.enableExecuteCommand())
                .anyMatch(t -> t.startedAt().orElseThrow().isBefore(at))).orElse(false);
        if (recent && e.enabled() != Enabled.AFTER_PRIMARY && !startedBeforeEnabled) {
            assertNotEquals(Decision.FORCE_NEW_DEPLOYMENT, plan.decision(), plan.reasons().toString());
        }
    }

    /**
     * Found by this property: a service of desiredCount 0 whose one task still ran without exec (PRIMARY COMPLETED
     * 901 s ago) was forced; a deployment of no task gives nobody exec.
     */
    @Property(tries = 1000)
    void neverForcesForAServiceOfNoTasks(@ForAll("services") Exec e) {
        Plan plan = decide(e);
        if (e.desiredCount() == 0) {
            assertNotEquals(Decision.FORCE_NEW_DEPLOYMENT, plan.decision(), plan.reasons().toString());
        }
    }
}
