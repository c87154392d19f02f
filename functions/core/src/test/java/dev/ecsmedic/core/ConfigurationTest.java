package dev.ecsmedic.core;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A function may act only with a claims table; in dry run it needs none. */
class ConfigurationTest {

    private static final Map<String, String> BASE = Map.of("CLUSTER_NAME", "observability",
            "WATCHED_SERVICES", "prometheus");

    private static Configuration with(String... pairs) {
        Map<String, String> env = new java.util.HashMap<>(BASE);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return Configuration.fromEnvironment(env);
    }

    @Test
    void actingWithoutAClaimsTableIsAConfigurationError() {
        Configuration.Invalid invalid = assertInstanceOf(Configuration.Invalid.class, with("DRY_RUN", "false"));
        assertTrue(invalid.reason().startsWith("CLAIMS_TABLE is not set"), invalid.reason());
        assertInstanceOf(Configuration.Invalid.class, with("DRY_RUN", "false", "CLAIMS_TABLE", " "));
    }

    @Test
    void aClaimsTableOrADryRunIsEnough() {
        assertInstanceOf(Configuration.Valid.class, with("DRY_RUN", "false", "CLAIMS_TABLE", "ecs-medic-claims"));
        assertInstanceOf(Configuration.Valid.class, with("DRY_RUN", "true"));
        assertInstanceOf(Configuration.Valid.class, with());
    }
}
