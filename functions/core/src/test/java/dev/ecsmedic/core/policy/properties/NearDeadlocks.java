package dev.ecsmedic.core.policy.properties;

import dev.ecsmedic.core.policy.properties.ServiceStates.Rollout;
import dev.ecsmedic.core.policy.properties.ServiceStates.Shape;
import dev.ecsmedic.core.policy.properties.ServiceStates.Task;
import dev.ecsmedic.core.view.DeploymentController;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.SchedulingStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * States one to three changes away from a canonical deadlock: the boundary itself, where a stop is right in one
 * state and wrong in its neighbour. Each change is one thing ECS or a person could have done differently.
 */
final class NearDeadlocks {

    private NearDeadlocks() {}

    static Arbitrary<ServiceStates.State> states() {
        return Combinators.combine(Deadlocks.canonical(), changes().list().ofMinSize(1).ofMaxSize(3))
                .as((deadlock, changes) -> {
                    Shape shape = deadlock.shape();
                    for (UnaryOperator<Shape> change : changes) {
                        shape = change.apply(shape);
                    }
                    return ServiceStates.build(shape);
                });
    }

    /** One change to a deadlocked service. */
    static Arbitrary<UnaryOperator<Shape>> changes() {
        Arbitrary<Integer> which = Arbitraries.integers().between(0, 5);
        return Arbitraries.oneOf(
                Arbitraries.of(RolloutState.class).map(NearDeadlocks::primaryState),
                Arbitraries.integers().between(1, 5).map(NearDeadlocks::desiredCount),
                Arbitraries.of(DeploymentController.class).map(c -> s -> new Shape(c, s.strategy(), s.primary(),
                        s.older(), s.requireEvidence(), s.now())),
                Arbitraries.of(SchedulingStrategy.class).map(st -> s -> new Shape(s.controller(), st, s.primary(),
                        s.older(), s.requireEvidence(), s.now())),
                Arbitraries.of(false, true).map(r -> s -> new Shape(s.controller(), s.strategy(), s.primary(),
                        s.older(), r, s.now())),
                Arbitraries.integers().between(0, 900).map(now -> s -> new Shape(s.controller(), s.strategy(),
                        s.primary(), s.older(), s.requireEvidence(), now)),
                Combinators.combine(which, which, ServiceStates.tasks()).as(NearDeadlocks::replaceTask),
                Combinators.combine(which, ServiceStates.tasks()).as(NearDeadlocks::addTask),
                Combinators.combine(which, ServiceStates.definitions()).as(NearDeadlocks::redefine),
                Combinators.combine(which, Arbitraries.of(RolloutState.class), Arbitraries.of(false, true))
                        .as(NearDeadlocks::older));
    }

    private static UnaryOperator<Shape> primaryState(RolloutState state) {
        return s -> withRollout(s, 0, r -> new Rollout(state, r.desiredCount(), r.sameRevisionAsPrimary(),
                r.definition(), r.tasks()));
    }

    private static UnaryOperator<Shape> desiredCount(int count) {
        return s -> withRollout(s, 0, r -> new Rollout(r.state(), count, r.sameRevisionAsPrimary(), r.definition(),
                r.tasks()));
    }

    private static UnaryOperator<Shape> replaceTask(int deployment, int index, Task task) {
        return s -> withRollout(s, deployment, r -> {
            List<Task> tasks = new ArrayList<>(r.tasks());
            if (!tasks.isEmpty()) {
                tasks.set(index % tasks.size(), task);
            }
            return new Rollout(r.state(), r.desiredCount(), r.sameRevisionAsPrimary(), r.definition(), tasks);
        });
    }

    private static UnaryOperator<Shape> addTask(int deployment, Task task) {
        return s -> withRollout(s, deployment, r -> {
            List<Task> tasks = new ArrayList<>(r.tasks());
            tasks.add(task);
            return new Rollout(r.state(), r.desiredCount(), r.sameRevisionAsPrimary(), r.definition(), tasks);
        });
    }

    private static UnaryOperator<Shape> redefine(int deployment, ServiceStates.Definition definition) {
        return s -> withRollout(s, deployment, r -> new Rollout(r.state(), r.desiredCount(), r.sameRevisionAsPrimary(),
                definition, r.tasks()));
    }

    private static UnaryOperator<Shape> older(int deployment, RolloutState state, boolean primaryRevision) {
        return s -> s.older().isEmpty() ? s : withRollout(s, 1 + deployment % s.older().size(),
                r -> new Rollout(state, r.desiredCount(), primaryRevision, r.definition(), r.tasks()));
    }

    /** The shape with deployment {@code index} (0 the PRIMARY, then the older ones, wrapping) changed. */
    private static Shape withRollout(Shape s, int index, UnaryOperator<Rollout> change) {
        int at = index % (1 + s.older().size());
        if (at == 0) {
            return new Shape(s.controller(), s.strategy(), change.apply(s.primary()), s.older(), s.requireEvidence(),
                    s.now());
        }
        List<Rollout> older = new ArrayList<>(s.older());
        older.set(at - 1, change.apply(older.get(at - 1)));
        return new Shape(s.controller(), s.strategy(), s.primary(), older, s.requireEvidence(), s.now());
    }
}
