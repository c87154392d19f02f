package dev.ecsmedic.core;

import dev.ecsmedic.core.policy.Settings;
import java.util.Map;

/**
 * A function's settings as its deployment gave them: valid, or the reason they are not. A bad value is reported
 * on every event (and nothing is read or changed) rather than failing the container at start.
 */
public sealed interface Configuration {

    record Valid(Settings settings) implements Configuration {}

    record Invalid(String reason) implements Configuration {}

    /** The DynamoDB table of claims ({@link dev.ecsmedic.core.port.Claims}); needed by a function that acts. */
    String CLAIMS_TABLE = "CLAIMS_TABLE";

    static Configuration fromEnvironment(Map<String, String> env) {
        try {
            Settings settings = Settings.fromEnvironment(env);
            if (!settings.dryRun() && env.getOrDefault(CLAIMS_TABLE, "").isBlank()) {
                return new Invalid(CLAIMS_TABLE + " is not set: ecs-medic changes a service only after claiming the "
                        + "change, so that another reconcile cannot repeat it (set it to the stack's claims table, "
                        + "or DRY_RUN=true)");
            }
            return new Valid(settings);
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }
}
