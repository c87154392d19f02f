package dev.ecsmedic.core.event;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * ECS's rule for cluster and service names (up to 255 letters, numbers, hyphens and underscores), applied to every
 * name an event or alarm gives: a name that breaks it cannot be a service ecs-medic may touch, however it was
 * spelled. Text from an event is also shown abbreviated, so a hostile event cannot inflate the report.
 */
public final class Names {

    private static final Pattern ECS_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final int SHOWN = 120;

    private Names() {}

    /** Why these are not an ECS cluster and service name, or empty when both are. */
    public static Optional<String> invalid(String cluster, String service) {
        for (String[] named : new String[][] {{"cluster", cluster}, {"service", service}}) {
            if (!ECS_NAME.matcher(named[1]).matches()) {
                return Optional.of(named[0] + " name '" + shown(named[1]) + "' is not an ECS " + named[0]
                        + " name (up to 255 letters, numbers, hyphens and underscores)");
            }
        }
        return Optional.empty();
    }

    /** Text from an event as a report shows it: at most {@value #SHOWN} characters, control characters escaped. */
    public static String shown(String text) {
        return abbreviated(text, SHOWN);
    }

    static String abbreviated(String text, int limit) {
        String cut = text.length() <= limit ? text : text.substring(0, limit) + "…(" + text.length() + " chars)";
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.SURROGATE) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
