package dev.ecsmedic.core.event;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The detail of an "ECS Task State Change" event; only what naming the service and the log need. */
public record TaskStateChange(
        String clusterArn,
        String taskArn,
        String group,
        String startedBy,
        String lastStatus,
        String desiredStatus,
        String stopCode,
        String stoppedReason,
        List<Container> containers) {

    public record Container(String name, Optional<Integer> exitCode, String reason, String lastStatus) {}

    public TaskStateChange {
        containers = List.copyOf(containers);
    }

    static TaskStateChange from(Json detail) {
        List<Container> containers = new ArrayList<>();
        Json list = detail.path("containers");
        if (!list.isMissing() && !list.isNull()) {
            if (!list.isArray()) {
                throw new IllegalArgumentException("containers is not a list");
            }
            for (Json c : list.elements()) {
                Json exit = c.path("exitCode");
                if (!exit.isMissing() && !exit.isNull() && exit.intValue().isEmpty()) {
                    throw new IllegalArgumentException("containers[].exitCode is not a 32-bit integer");
                }
                containers.add(new Container(Json.text(c, "name"),
                        exit.intValue(),
                        Json.text(c, "reason"), Json.text(c, "lastStatus")));
            }
        }
        return new TaskStateChange(Json.text(detail, "clusterArn"), Json.text(detail, "taskArn"),
                Json.text(detail, "group"), Json.text(detail, "startedBy"), Json.text(detail, "lastStatus"),
                Json.text(detail, "desiredStatus"), Json.text(detail, "stopCode"), Json.text(detail, "stoppedReason"),
                containers);
    }
}
