package dev.ecsmedic.testkit;

import java.util.Random;
import java.util.UUID;

/**
 * The identifiers the simulated account makes up: task ids, container runtime ids, deployment ids and event ids.
 * They all come from one seeded generator, so a world built the same way names everything the same way.
 */
final class Ids {
    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    String uuid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    String hex(int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(Character.forDigit(random.nextInt(16), 16));
        }
        return b.toString();
    }

    /** A deployment id as ECS writes it: {@code ecs-svc/} and 19 digits. */
    String deploymentId() {
        StringBuilder digits = new StringBuilder();
        digits.append(1 + random.nextInt(9));
        for (int i = 1; i < 19; i++) {
            digits.append(random.nextInt(10));
        }
        return "ecs-svc/" + digits;
    }
}
