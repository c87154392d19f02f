package dev.ecsmedic.core.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The detail of an "ECS Task State Change" event; only what naming the service and the log need. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskStateChange(
        String clusterArn,
        String taskArn,
        String group,
        String startedBy,
        String lastStatus,
        String desiredStatus,
        String stopCode,
        String stoppedReason,
        Long version,
        List<Container> containers) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Container(String name, Integer exitCode, String reason, String lastStatus) {}

    public TaskStateChange {
        containers = containers == null ? List.of() : List.copyOf(containers);
    }
}
