package dev.ecsmedic.cli;

import dev.ecsmedic.core.port.AwsFailure;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/**
 * How {@code plan} and {@code exec-check} name the service they read: {@code --cluster}, and {@code --service} as
 * the first choice of an exclusive group that each command completes with what may stand instead of it; and how
 * both say that what was named does not exist.
 */
final class ServiceTarget {

    private ServiceTarget() {}

    /** {@code --cluster}, as a mixin. */
    static final class Cluster {
        @Option(names = "--cluster", required = true, paramLabel = "CLUSTER", description = "The ECS cluster.")
        String name;
    }

    /** The group's {@code --service}, worded per command in help.properties; subclasses add the alternative. */
    static class Service {
        @Option(names = "--service", paramLabel = "SERVICE")
        String service;
    }

    /**
     * What {@code read} finds of {@code subject} (e.g. "service web") in {@code cluster}; none, or no such cluster,
     * is the user's error (a {@link NoSuchElementException}, exit 2), not a failure to read AWS.
     */
    static <T> T existing(Supplier<Optional<T>> read, String cluster, String subject) {
        Optional<T> found;
        try {
            found = read.get();
        } catch (AwsFailure e) {
            if (e.errorCode().equals("ClusterNotFoundException")) {
                throw new NoSuchElementException("no cluster " + cluster);
            }
            throw e;
        }
        return found.orElseThrow(() -> new NoSuchElementException("no " + subject + " in cluster " + cluster));
    }
}
