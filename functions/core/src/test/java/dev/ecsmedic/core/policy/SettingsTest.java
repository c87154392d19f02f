package dev.ecsmedic.core.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void readsTheTemplatesEnvironment() {
        Settings s = Settings.fromEnvironment(Map.of("CLUSTER_NAME", "observability",
                "WATCHED_SERVICES", "prometheus, loki", "PENDING_GRACE_SECONDS", "90",
                "REQUIRE_LOCK_EVIDENCE", "false", "DRY_RUN", "false"));

        assertTrue(s.watches("loki"));
        assertFalse(s.watches("grafana"));
        assertEquals(Duration.ofSeconds(90), s.pendingGrace());
        assertFalse(s.requireLockEvidence());
        assertFalse(s.dryRun());
        assertEquals(Settings.DEFAULT_LOCK_ERROR_PATTERN, s.lockErrorPattern());
    }

    @Test
    void isSafeByDefault() {
        Settings s = Settings.fromEnvironment(Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "*"));

        assertTrue(s.dryRun());
        assertTrue(s.requireLockEvidence());
        assertTrue(s.watches("anything"));
    }

    @Test
    void rejectsWhatItCannotRead() {
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(Map.of("WATCHED_SERVICES", "a")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(
                Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", " , ")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(
                Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "a", "DRY_RUN", "yes")));
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(
                Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "a", "PENDING_GRACE_SECONDS", "soon")));
    }

    @Test
    void execCooldownDefaultsToFifteenMinutesAndIsReadStrictly() {
        assertEquals(Duration.ofSeconds(900), Settings.fromEnvironment(
                Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "a")).execCooldown());
        assertEquals(Duration.ofSeconds(60), Settings.fromEnvironment(
                Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "a", "EXEC_COOLDOWN_SECONDS", "60")).execCooldown());
        assertThrows(IllegalArgumentException.class, () -> Settings.fromEnvironment(
                Map.of("CLUSTER_NAME", "c", "WATCHED_SERVICES", "a", "EXEC_COOLDOWN_SECONDS", "-1")));
    }
}
