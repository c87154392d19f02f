package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * EC2's query-protocol pieces the Describe calls share: the XML of a result (lists as {@code <item>}s, an empty
 * list as an empty element), {@code Filter.N} matching (values of one filter ORed, filters ANDed) and
 * {@code MaxResults}/{@code NextToken} paging, as the EC2 API Reference describes them.
 */
final class Ec2Xml {
    private final StringBuilder out = new StringBuilder();
    private int depth;

    Ec2Xml(int depth) {
        this.depth = depth;
    }

    Ec2Xml open(String name) {
        out.append("    ".repeat(depth++)).append('<').append(name).append(">\n");
        return this;
    }

    Ec2Xml close(String name) {
        out.append("    ".repeat(--depth)).append("</").append(name).append(">\n");
        return this;
    }

    /** One element; nothing when {@code value} is null, as EC2 leaves out members it has no value for. */
    Ec2Xml leaf(String name, Object value) {
        if (value != null) {
            out.append("    ".repeat(depth)).append(QueryProtocol.element(name, String.valueOf(value))).append('\n');
        }
        return this;
    }

    <T> Ec2Xml list(String name, List<T> items, BiConsumer<Ec2Xml, T> item) {
        if (items.isEmpty()) {
            out.append("    ".repeat(depth)).append('<').append(name).append("/>\n");
            return this;
        }
        open(name);
        for (T t : items) {
            open("item");
            item.accept(this, t);
            close("item");
        }
        return close(name);
    }

    /** A list of strings: {@code <name><item>value</item>...</name>}. */
    Ec2Xml strings(String name, List<String> values) {
        if (values.isEmpty()) {
            return list(name, values, (x, v) -> { });
        }
        open(name);
        values.forEach(v -> leaf("item", v));
        return close(name);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    /**
     * The items every {@code Filter.N} matches: {@code field} gives, for a filter name, an item's values under it
     * (null for a name the call does not know, which EC2 refuses).
     */
    static <T> List<T> filter(ObjectNode form, List<T> items, Function<String, Function<T, List<String>>> field) {
        List<T> matching = new ArrayList<>(items);
        for (int i = 1; form.has("Filter." + i + ".Name"); i++) {
            String name = form.get("Filter." + i + ".Name").asText();
            List<String> wanted = QueryProtocol.list(form, "Filter." + i + ".Value");
            Function<T, List<String>> values = field.apply(name);
            if (values == null) {
                throw new AwsError(400, "InvalidParameterValue", "The filter '" + name + "' is invalid");
            }
            matching.removeIf(t -> values.apply(t).stream().noneMatch(wanted::contains));
        }
        return matching;
    }

    record Page<T>(List<T> items, String nextToken) {
    }

    /**
     * One page of {@code items}: all of them without {@code MaxResults}, else at most that many (between
     * {@code min} and {@code max}; above {@code max} an error, or with {@code capped} {@code max} of them) from
     * {@code NextToken}, with the token of the next page while any remain.
     */
    static <T> Page<T> page(ObjectNode form, List<T> items, int min, int max, boolean capped) {
        int from = 0;
        if (form.has("NextToken")) {
            try {
                from = Integer.parseInt(form.get("NextToken").asText().replaceFirst("^page-", ""));
            } catch (NumberFormatException e) {
                from = -1;
            }
            if (from < 0 || from > items.size()) {
                throw new AwsError(400, "InvalidPaginationToken", "The pagination token is not valid.");
            }
        }
        if (!form.has("MaxResults")) {
            return new Page<>(items.subList(from, items.size()), null);
        }
        int asked = form.get("MaxResults").asInt(-1);
        int size = capped ? Math.min(asked, max) : asked;
        if (size < min || size > max) {
            throw new AwsError(400, "InvalidParameterValue", "Value ( " + form.get("MaxResults").asText()
                    + " ) for parameter maxResults is invalid. Parameter must be between " + min + " and " + max
                    + ".");
        }
        int to = Math.min(items.size(), from + size);
        return new Page<>(items.subList(from, to), to < items.size() ? "page-" + to : null);
    }
}
