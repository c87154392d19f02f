package dev.ecsmedic.alarm;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ResourceNotFoundException;

/**
 * Reads an alarm's tags ({@code cloudwatch:ListTagsForResource}). An alarm that is gone or not readable is an
 * answer with the reason, not an error; anything else (throttling, a 5xx) is thrown so the event is retried.
 */
class AlarmTags {

    private final CloudWatchClient cloudWatch;

    AlarmTags(CloudWatchClient cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    record Read(Map<String, String> tags, Optional<String> unreadable) {
        Read {
            tags = Map.copyOf(tags);
        }
    }

    Read of(String alarmArn) {
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            cloudWatch.listTagsForResource(b -> b.resourceARN(alarmArn)).tags()
                    .forEach(t -> tags.put(t.key(), t.value()));
            return new Read(tags, Optional.empty());
        } catch (ResourceNotFoundException e) {
            return new Read(Map.of(), Optional.of("alarm " + alarmArn + " no longer exists"));
        } catch (CloudWatchException e) {
            if (e.statusCode() == 403) {
                return new Read(Map.of(), Optional.of("not allowed to read the tags of " + alarmArn + ": "
                        + e.getMessage()));
            }
            throw e;
        }
    }
}
