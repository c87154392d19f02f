package dev.ecsmedic.core.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The deployment's configuration (template parameters, passed as environment variables). Read strictly:
 * a value that does not parse is an error naming the variable, never a silent default.
 */
public record Settings(
        String cluster,
        Set<String> watchedServices,
        boolean watchAll,
        String lockErrorPattern,
        Duration pendingGrace,
        boolean requireLockEvidence,
        boolean dryRun,
        Duration execCooldown) {

    public static final String DEFAULT_LOCK_ERROR_PATTERN = "lock DB directory: resource temporarily unavailable";
    public static final Duration DEFAULT_EXEC_COOLDOWN = Duration.ofSeconds(900);

    public Settings {
        watchedServices = Set.copyOf(watchedServices);
    }

    public Settings(String cluster, Set<String> watchedServices, boolean watchAll, String lockErrorPattern,
                    Duration pendingGrace, boolean requireLockEvidence, boolean dryRun) {
        this(cluster, watchedServices, watchAll, lockErrorPattern, pendingGrace, requireLockEvidence, dryRun,
                DEFAULT_EXEC_COOLDOWN);
    }

    public boolean watches(String service) {
        return watchAll || watchedServices.contains(service);
    }

    public String watchedDescription() {
        return watchAll ? "*" : String.join(",", new java.util.TreeSet<>(watchedServices));
    }

    public static Settings fromEnvironment(Map<String, String> env) {
        String cluster = required(env, "CLUSTER_NAME");
        String watched = required(env, "WATCHED_SERVICES");
        Set<String> services = new LinkedHashSet<>();
        Arrays.stream(watched.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(services::add);
        boolean all = services.remove("*");
        if (!all && services.isEmpty()) {
            throw new IllegalArgumentException("WATCHED_SERVICES names no service");
        }
        String pattern = env.getOrDefault("LOCK_ERROR_PATTERN", DEFAULT_LOCK_ERROR_PATTERN);
        if (pattern.isBlank()) {
            throw new IllegalArgumentException("LOCK_ERROR_PATTERN is empty");
        }
        return new Settings(cluster, services, all, pattern, seconds(env, "PENDING_GRACE_SECONDS", 180),
                bool(env, "REQUIRE_LOCK_EVIDENCE", true), bool(env, "DRY_RUN", true),
                seconds(env, "EXEC_COOLDOWN_SECONDS", DEFAULT_EXEC_COOLDOWN.toSeconds()));
    }

    private static Duration seconds(Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        long parsed;
        try {
            parsed = value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is not a number: " + value);
        }
        if (parsed < 0) {
            throw new IllegalArgumentException(name + " is negative: " + parsed);
        }
        return Duration.ofSeconds(parsed);
    }

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is not set");
        }
        return value.trim();
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false, not '" + value + "'");
        };
    }
}
