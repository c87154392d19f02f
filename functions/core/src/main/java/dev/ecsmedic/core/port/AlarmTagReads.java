package dev.ecsmedic.core.port;

import java.util.Map;
import java.util.Optional;

/**
 * Reads a CloudWatch alarm's tags. An alarm that is gone or not readable is an answer with the reason; only a
 * read AWS could not answer now is thrown ({@link AwsFailure}, retryable).
 */
public interface AlarmTagReads {

    Tags of(String alarmArn);

    /** The alarm's tags, or why they could not be read. */
    record Tags(Map<String, String> tags, Optional<String> unreadable) {
        public Tags {
            tags = Map.copyOf(tags);
        }
    }
}
