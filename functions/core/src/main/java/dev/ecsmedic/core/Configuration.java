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

    static Configuration fromEnvironment(Map<String, String> env) {
        try {
            return new Valid(Settings.fromEnvironment(env));
        } catch (IllegalArgumentException e) {
            return new Invalid(e.getMessage());
        }
    }
}
