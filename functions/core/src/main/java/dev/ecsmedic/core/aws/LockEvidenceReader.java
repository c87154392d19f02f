package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.LockEvidenceReads;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Looks for the lock error in a blocked task's own log streams ({@code prefix/container/taskId} in the group
 * its task definition names), and nowhere else.
 */
public final class LockEvidenceReader implements LockEvidenceReads {

    /** FilterLogEvents may return empty pages while it scans; it is asked a bounded number of times. */
    private static final int MAX_PAGES = 5;

    private final Supplier<CloudWatchLogsClient> logs;

    /** {@code logs} is asked for the client at the first search. */
    public LockEvidenceReader(Supplier<CloudWatchLogsClient> logs) {
        this.logs = logs;
    }

    @Override
    public Search find(ServiceView view, List<TaskView> tasks, String pattern) {
        Map<String, LockEvidence> evidence = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        for (TaskView task : tasks) {
            Optional<TaskDefinitionView> definition = view.taskDefinition(task);
            if (definition.isEmpty()) {
                continue;
            }
            for (TaskDefinitionView.ContainerDefinition container : definition.get().containers()) {
                Optional<String> stream = container.awslogs().flatMap(l -> l.stream(container.name(), task.id()));
                if (stream.isEmpty()) {
                    notes.add("container " + container.name() + " of task " + task.id()
                            + " has no awslogs stream prefix; its log cannot be searched");
                    continue;
                }
                String group = container.awslogs().orElseThrow().group();
                Optional<LockEvidence> found = search(task, group, stream.get(), pattern, notes);
                if (found.isPresent()) {
                    evidence.put(task.taskArn(), found.get());
                    break;
                }
            }
        }
        return new Search(evidence, notes);
    }

    private Optional<LockEvidence> search(TaskView task, String group, String stream, String pattern,
                                          List<String> notes) {
        long start = task.createdAt().map(t -> t.minus(Duration.ofMinutes(1)).toEpochMilli()).orElse(0L);
        String token = null;
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                String next = token;
                var response = AwsErrors.call(() -> logs.get().filterLogEvents(b -> b.logGroupName(group)
                        .logStreamNames(stream).filterPattern("\"" + pattern.replace("\"", "") + "\"")
                        .startTime(start).limit(1).nextToken(next)));
                Optional<FilteredLogEvent> hit = response.events().stream().findFirst();
                if (hit.isPresent()) {
                    FilteredLogEvent e = hit.get();
                    return Optional.of(new LockEvidence(task.taskArn(), group, stream,
                            Instant.ofEpochMilli(e.timestamp() == null ? 0 : e.timestamp()), e.message().strip()));
                }
                token = response.nextToken();
                if (token == null) {
                    return Optional.empty();
                }
            }
            notes.add("log search in " + group + " " + stream + " stopped after " + MAX_PAGES + " pages");
        } catch (AwsFailure e) {
            String detail = AwsErrors.noteOrThrow(e);
            notes.add(switch (e.kind()) {
                case NOT_FOUND -> "no log stream " + stream + " in " + group;
                case ACCESS_DENIED -> "not allowed to read " + group + " (add it to LogGroupNames): " + detail;
                default -> "the log search in " + group + " " + stream + " was refused: " + detail;
            });
        }
        return Optional.empty();
    }
}
