package dev.ecsmedic.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * The unstructured CloudWatch Logs filter pattern: every term must occur (case-sensitive), a quoted term is a
 * phrase, {@code -term} excludes and {@code ?term} terms match if any of them does. JSON and space-delimited
 * patterns are rejected so a caller relying on them notices.
 */
record FilterPattern(List<String> required, List<String> excluded, List<String> anyOf) {

    static FilterPattern parse(String pattern) {
        List<String> required = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> anyOf = new ArrayList<>();
        if (pattern == null || pattern.isBlank()) {
            return new FilterPattern(required, excluded, anyOf);
        }
        String p = pattern.trim();
        if (p.startsWith("{") || p.startsWith("[") || p.startsWith("%")) {
            throw AwsError.invalid("Invalid filter pattern: only unstructured term patterns are simulated");
        }
        int i = 0;
        while (i < p.length()) {
            char ch = p.charAt(i);
            if (Character.isWhitespace(ch)) {
                i++;
                continue;
            }
            List<String> target = required;
            if (ch == '-' || ch == '?') {
                target = ch == '-' ? excluded : anyOf;
                i++;
            }
            if (i < p.length() && p.charAt(i) == '"') {
                int close = p.indexOf('"', i + 1);
                if (close < 0) {
                    throw AwsError.invalid("Invalid filter pattern: unbalanced quotes");
                }
                target.add(p.substring(i + 1, close));
                i = close + 1;
            } else {
                int startTerm = i;
                while (i < p.length() && !Character.isWhitespace(p.charAt(i))) {
                    i++;
                }
                target.add(p.substring(startTerm, i));
            }
        }
        return new FilterPattern(required, excluded, anyOf);
    }

    boolean matches(String message) {
        return required.stream().allMatch(message::contains)
                && excluded.stream().noneMatch(message::contains)
                && (anyOf.isEmpty() || anyOf.stream().anyMatch(message::contains));
    }
}
