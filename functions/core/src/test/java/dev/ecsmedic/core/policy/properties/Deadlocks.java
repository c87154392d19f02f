package dev.ecsmedic.core.policy.properties;

import dev.ecsmedic.core.policy.properties.ServiceStates.Definition;
import dev.ecsmedic.core.policy.properties.ServiceStates.Domain;
import dev.ecsmedic.core.policy.properties.ServiceStates.Evidence;
import dev.ecsmedic.core.policy.properties.ServiceStates.Exit;
import dev.ecsmedic.core.policy.properties.ServiceStates.Lifecycle;
import dev.ecsmedic.core.policy.properties.ServiceStates.Mount;
import dev.ecsmedic.core.policy.properties.ServiceStates.Owner;
import dev.ecsmedic.core.policy.properties.ServiceStates.Rollout;
import dev.ecsmedic.core.policy.properties.ServiceStates.Shape;
import dev.ecsmedic.core.policy.properties.ServiceStates.Stop;
import dev.ecsmedic.core.policy.properties.ServiceStates.Task;
import dev.ecsmedic.core.policy.properties.ServiceStates.Volume;
import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.SchedulingStrategy;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * The incident's deadlock and its variations, each with the old tasks that must be stopped: one new task (of a
 * deployment of one) blocked on one to three lock domains, held by one old task or split between two older
 * deployments, with the noise that must not change the answer.
 */
final class Deadlocks {

    private Deadlocks() {}

    /** How the new task shows that it waits: it exits, ECS replaces it, or it runs unhealthy past the grace period. */
    enum Blocked { EXITS_1, EXITS_2, STILL_STOPPING_AFTER_EXIT, CONTAINER_HEALTH, ELB_HEALTH, UNHEALTHY_PAST_GRACE }

    /** What else is going on that changes nothing. */
    record Noise(Exit sidecarExit, boolean sidecarLogs, boolean leftoverVolume, boolean laterOldTask,
                 boolean otherServiceTask, boolean earlierLockFailure, boolean startingInGrace) {}

    record Choice(List<Domain> domains, boolean split, Blocked blocked, boolean requireEvidence,
                  boolean lineInSidecarStream, Noise noise) {}

    /** A deadlocked state (and the shape it was built from) and the ARNs of the old tasks that hold its locks. */
    record Deadlock(Shape shape, ServiceStates.State state, Set<String> holders, int domains) {}

    static Arbitrary<Deadlock> canonical() {
        Arbitrary<Noise> noise = Combinators.combine(Arbitraries.of(Exit.NONE, Exit.ZERO, Exit.KILLED,
                        Exit.TERMINATED, Exit.OUT_OF_MEMORY), Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.of(false, true), Arbitraries.of(false, true), Arbitraries.of(false, true),
                Arbitraries.of(false, true)).as(Noise::new);
        return Combinators.combine(Arbitraries.of(Domain.DATA, Domain.DATA_VIA_ACCESS_POINT, Domain.OTHER_DIRECTORY)
                                .list().ofMinSize(1).ofMaxSize(3).uniqueElements(),
                        Arbitraries.of(false, true), Arbitraries.of(Blocked.class), Arbitraries.of(false, true),
                        Arbitraries.of(false, true), noise)
                .as(Choice::new).map(Deadlocks::build);
    }

    private static Deadlock build(Choice c) {
        Noise n = c.noise();
        boolean sidecarStream = c.lineInSidecarStream() && n.sidecarLogs();
        List<Volume> newVolumes = new ArrayList<>(c.domains().stream().map(d -> new Volume(d, Mount.ESSENTIAL)).toList());
        if (n.leftoverVolume()) {
            newVolumes.add(new Volume(Domain.OTHER_FILE_SYSTEM, Mount.NOBODY));
        }
        List<Task> newTasks = new ArrayList<>();
        if (n.earlierLockFailure()) {
            newTasks.add(new Task(Lifecycle.STOPPED, HealthStatus.UNKNOWN, Stop.ESSENTIAL_EXITED, Exit.ONE, n.sidecarExit(),
                    1, 3, Owner.THIS_SERVICE, Evidence.OWN_STREAM));
        }
        newTasks.add(blockedTask(c.blocked(), n.sidecarExit(), sidecarStream ? Evidence.SIDECAR_STREAM
                : Evidence.OWN_STREAM));
        int now = c.blocked() == Blocked.UNHEALTHY_PAST_GRACE ? 300 : 120;
        if (n.startingInGrace()) {
            newTasks.add(new Task(Lifecycle.PENDING, HealthStatus.UNKNOWN, Stop.NONE, Exit.NONE, Exit.NONE, now - 60,
                    1, Owner.THIS_SERVICE, Evidence.NONE));
        }
        Rollout primary = new Rollout(RolloutState.IN_PROGRESS, 1, false,
                new Definition(newVolumes, true, n.sidecarLogs()), newTasks);

        List<List<Domain>> groups = c.split() && c.domains().size() > 1
                ? List.of(c.domains().subList(0, 1), c.domains().subList(1, c.domains().size()))
                : List.of(c.domains());
        List<Rollout> older = new ArrayList<>();
        Set<String> holders = new LinkedHashSet<>();
        for (int g = 0; g < groups.size(); g++) {
            List<Task> tasks = new ArrayList<>();
            if (n.otherServiceTask() && g == 0) {
                tasks.add(running(-400_000, Owner.ANOTHER_SERVICE));
            }
            tasks.add(running(-259_200 + g, Owner.THIS_SERVICE));
            holders.add(ServiceStates.taskArn(g + 1, tasks.size() - 1, Owner.THIS_SERVICE));
            if (n.laterOldTask()) {
                tasks.add(running(-3_600, Owner.THIS_SERVICE));
            }
            List<Volume> volumes = groups.get(g).stream().map(d -> new Volume(d, Mount.ESSENTIAL)).toList();
            older.add(new Rollout(RolloutState.COMPLETED, tasks.size(), false,
                    new Definition(volumes, false, false), tasks));
        }
        Shape shape = new Shape(DeploymentController.ECS, SchedulingStrategy.REPLICA, primary, older,
                c.requireEvidence(), now);
        return new Deadlock(shape, ServiceStates.build(shape), holders, EnumSet.copyOf(c.domains()).size());
    }

    private static Task blockedTask(Blocked blocked, Exit sidecar, Evidence line) {
        return switch (blocked) {
            case EXITS_1 -> new Task(Lifecycle.STOPPED, HealthStatus.UNKNOWN, Stop.ESSENTIAL_EXITED, Exit.ONE, sidecar,
                    10, 65, Owner.THIS_SERVICE, line);
            case EXITS_2 -> new Task(Lifecycle.STOPPED, HealthStatus.UNKNOWN, Stop.ESSENTIAL_EXITED, Exit.TWO, sidecar,
                    10, 65, Owner.THIS_SERVICE, line);
            case STILL_STOPPING_AFTER_EXIT -> new Task(Lifecycle.DEACTIVATING, HealthStatus.UNKNOWN,
                    Stop.ESSENTIAL_EXITED, Exit.ONE, sidecar, 10, 65, Owner.THIS_SERVICE, line);
            case CONTAINER_HEALTH -> new Task(Lifecycle.STOPPED, HealthStatus.UNHEALTHY, Stop.CONTAINER_HEALTH,
                    Exit.KILLED, sidecar, 10, 100, Owner.THIS_SERVICE, line);
            case ELB_HEALTH -> new Task(Lifecycle.STOPPED, HealthStatus.UNKNOWN, Stop.ELB_HEALTH, Exit.TERMINATED,
                    sidecar, 10, 100, Owner.THIS_SERVICE, line);
            case UNHEALTHY_PAST_GRACE -> new Task(Lifecycle.RUNNING, HealthStatus.UNHEALTHY, Stop.NONE, Exit.NONE,
                    Exit.NONE, 10, 1, Owner.THIS_SERVICE, line);
        };
    }

    private static Task running(int createdAt, Owner owner) {
        return new Task(Lifecycle.RUNNING, HealthStatus.HEALTHY, Stop.NONE, Exit.NONE, Exit.NONE, createdAt, 1, owner,
                Evidence.NONE);
    }
}
