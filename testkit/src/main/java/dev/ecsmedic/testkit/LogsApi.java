package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The CloudWatch Logs reads used to find evidence in container output: FilterLogEvents and GetLogEvents. */
final class LogsApi {
    private LogsApi() {
    }

    static JsonNode handle(EcsWorld w, String op, ObjectNode req) {
        return switch (op) {
            case "FilterLogEvents" -> filter(w, req);
            case "GetLogEvents" -> get(w, req);
            default -> throw new AwsError(400, "UnknownOperationException", null);
        };
    }

    private static Map<String, List<LogStore.Event>> group(EcsWorld w, ObjectNode req) {
        String name = EcsApi.text(req, "logGroupName");
        String identifier = EcsApi.text(req, "logGroupIdentifier");
        if (name != null && identifier != null) {
            throw AwsError.invalid("LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }
        if (identifier != null) {
            name = identifier.startsWith("arn:") ? identifier.replaceAll("^.*:log-group:", "").replaceAll(":\\*$", "")
                    : identifier;
        }
        if (name == null || name.isBlank()) {
            throw AwsError.invalid("Either LogGroupName or LogGroupIdentifier must be specified.");
        }
        Map<String, List<LogStore.Event>> streams = w.logStreams(name);
        if (streams == null) {
            throw new AwsError(400, "ResourceNotFoundException", "The specified log group does not exist.");
        }
        return streams;
    }

    private static JsonNode filter(EcsWorld w, ObjectNode req) {
        Map<String, List<LogStore.Event>> streams = group(w, req);
        List<String> names = EcsApi.strings(req, "logStreamNames");
        String prefix = EcsApi.text(req, "logStreamNamePrefix");
        if (!names.isEmpty() && prefix != null) {
            throw AwsError.invalid("You cannot specify both LogStreamNames and LogStreamNamePrefix.");
        }
        Long start = EcsApi.longValue(req, "startTime");
        Long end = EcsApi.longValue(req, "endTime");
        Integer limitValue = EcsApi.integer(req, "limit");
        int limit = limitValue == null ? 10000 : limitValue;
        if (limit < 1 || limit > 10000) {
            throw AwsError.invalid("1 validation error detected: Value at 'limit' failed to satisfy constraint");
        }
        FilterPattern pattern = FilterPattern.parse(EcsApi.text(req, "filterPattern"));
        List<LogStore.Event> matches = new ArrayList<>();
        ArrayNode searched = Json.arr();
        streams.forEach((stream, events) -> {
            if ((!names.isEmpty() && !names.contains(stream)) || (prefix != null && !stream.startsWith(prefix))) {
                return;
            }
            searched.addObject().put("logStreamName", stream).put("searchedCompletely", true);
            for (LogStore.Event e : events) {
                if (e.ingestionTime() <= w.now().toEpochMilli()
                        && (start == null || e.timestamp() >= start) && (end == null || e.timestamp() <= end)
                        && pattern.matches(e.message())) {
                    matches.add(e);
                }
            }
        });
        matches.sort(Comparator.comparingLong(LogStore.Event::timestamp).thenComparingLong(LogStore.Event::sequence));
        int from = token(EcsApi.text(req, "nextToken"));
        ObjectNode out = Json.obj();
        ArrayNode events = out.putArray("events");
        int to = Math.min(matches.size(), from + limit);
        for (int i = from; i < to; i++) {
            LogStore.Event e = matches.get(i);
            events.addObject().put("logStreamName", e.stream()).put("timestamp", e.timestamp())
                    .put("message", e.message()).put("ingestionTime", e.ingestionTime())
                    .put("eventId", String.format("%056d", e.sequence()));
        }
        out.set("searchedLogStreams", searched);
        if (to < matches.size()) {
            out.put("nextToken", "n/" + to);
        }
        return out;
    }

    private static JsonNode get(EcsWorld w, ObjectNode req) {
        Map<String, List<LogStore.Event>> streams = group(w, req);
        List<LogStore.Event> events = streams.get(EcsApi.required(req, "logStreamName"));
        if (events == null) {
            throw new AwsError(400, "ResourceNotFoundException", "The specified log stream does not exist.");
        }
        Long start = EcsApi.longValue(req, "startTime");
        Long end = EcsApi.longValue(req, "endTime");
        List<LogStore.Event> range = events.stream()
                .filter(e -> e.ingestionTime() <= w.now().toEpochMilli())
                .filter(e -> (start == null || e.timestamp() >= start) && (end == null || e.timestamp() < end)).toList();
        Integer limitValue = EcsApi.integer(req, "limit");
        int limit = limitValue == null ? 10000 : limitValue;
        String token = EcsApi.text(req, "nextToken");
        boolean fromHead = Boolean.TRUE.equals(EcsApi.bool(req, "startFromHead"));
        int from;
        int to;
        if (token != null && token.startsWith("b/")) {
            to = Math.min(range.size(), Integer.parseInt(token.substring(2)));
            from = Math.max(0, to - limit);
        } else if (token != null && token.startsWith("f/")) {
            from = Math.min(range.size(), Integer.parseInt(token.substring(2)));
            to = Math.min(range.size(), from + limit);
        } else if (token != null) {
            throw AwsError.invalid("The specified nextToken is invalid.");
        } else if (fromHead) {
            from = 0;
            to = Math.min(range.size(), limit);
        } else {
            to = range.size();
            from = Math.max(0, to - limit);
        }
        ObjectNode out = Json.obj();
        ArrayNode list = out.putArray("events");
        for (int i = from; i < to; i++) {
            LogStore.Event e = range.get(i);
            list.addObject().put("timestamp", e.timestamp()).put("message", e.message())
                    .put("ingestionTime", e.ingestionTime());
        }
        out.put("nextForwardToken", "f/" + to);
        out.put("nextBackwardToken", "b/" + from);
        return out;
    }

    private static int token(String token) {
        if (token == null) {
            return 0;
        }
        try {
            return Integer.parseInt(token.substring(token.indexOf('/') + 1));
        } catch (RuntimeException e) {
            throw AwsError.invalid("The specified nextToken is invalid.");
        }
    }
}
