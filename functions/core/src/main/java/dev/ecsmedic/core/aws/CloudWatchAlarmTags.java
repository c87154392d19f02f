package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.AlarmTagReads;
import dev.ecsmedic.core.port.AwsFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

/**
 * Reads an alarm's tags ({@code cloudwatch:ListTagsForResource}). The client is built on first use: only an
 * alarm with the opt-in name prefix needs the tags.
 */
final class CloudWatchAlarmTags implements AlarmTagReads {

    private final Supplier<CloudWatchClient> cloudWatch;

    CloudWatchAlarmTags(Supplier<CloudWatchClient> cloudWatch) {
        this.cloudWatch = cloudWatch;
    }

    @Override
    public Tags of(String alarmArn) {
        try {
            Map<String, String> tags = new LinkedHashMap<>();
            AwsErrors.call(() -> cloudWatch.get().listTagsForResource(b -> b.resourceARN(alarmArn)).tags())
                    .forEach(t -> tags.put(t.key(), t.value()));
            return new Tags(tags, Optional.empty());
        } catch (AwsFailure e) {
            String detail = AwsErrors.noteOrThrow(e);
            return new Tags(Map.of(), Optional.of(switch (e.kind()) {
                case NOT_FOUND -> "alarm " + alarmArn + " no longer exists";
                case ACCESS_DENIED -> "not allowed to read the tags of " + alarmArn + ": " + detail;
                default -> "reading the tags of " + alarmArn + " was refused: " + detail;
            }));
        }
    }
}
