package dev.ecsmedic.template;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A schedule that invokes a function ({@code Schedule} event). EventBridge rejects malformed expressions at deploy
 * time, so {@link #parse} does too; {@code period} is known for {@code rate(...)} expressions only.
 */
public record ScheduleSpec(String name, String expression, Optional<Duration> period) {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\(([^()]+)\\)");

    public static ScheduleSpec parse(String name, String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            String unit = rate.group(2);
            if (amount == 0) {
                throw new TemplateException("schedule " + name + ": rate must be positive: " + expression);
            }
            if ((amount == 1) == unit.endsWith("s")) {
                throw new TemplateException("schedule " + name + ": EventBridge wants a singular unit for 1 and"
                        + " a plural one otherwise: " + expression);
            }
            Duration period = switch (unit.replaceAll("s$", "")) {
                case "minute" -> Duration.ofMinutes(amount);
                case "hour" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return new ScheduleSpec(name, expression, Optional.of(period));
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            String[] fields = cron.group(1).trim().split("\\s+");
            if (fields.length != 6) {
                throw new TemplateException("schedule " + name + ": cron needs 6 fields (minutes hours"
                        + " day-of-month month day-of-week year): " + expression);
            }
            if (!fields[2].equals("?") && !fields[4].equals("?")) {
                throw new TemplateException("schedule " + name + ": cron needs ? in day-of-month or day-of-week: "
                        + expression);
            }
            return new ScheduleSpec(name, expression, Optional.empty());
        }
        throw new TemplateException("schedule " + name + ": not a rate(...) or cron(...) expression: " + expression);
    }
}
