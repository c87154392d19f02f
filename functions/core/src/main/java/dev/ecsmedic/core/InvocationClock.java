package dev.ecsmedic.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock a function reads when none is given: the system's, or, when its JVM was started with
 * {@code -Decsmedic.now=INSTANT} (as {@code ecs-medic invoke --simulate} starts it against a world under a
 * virtual clock), the system clock running on from that instant.
 */
public final class InvocationClock {

    public static final String PROPERTY = "ecsmedic.now";

    private InvocationClock() {}

    public static Clock system() {
        String now = System.getProperty(PROPERTY, "");
        return now.isBlank() ? Clock.systemUTC()
                : Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), Instant.parse(now)));
    }
}
