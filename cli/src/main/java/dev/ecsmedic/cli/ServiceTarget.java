package dev.ecsmedic.cli;

import picocli.CommandLine.Option;

/**
 * How {@code plan} and {@code exec-check} name the service they read: {@code --cluster}, and {@code --service} as
 * the first choice of an exclusive group that each command completes with what may stand instead of it.
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
}
