package dev.ecsmedic.core.event;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The EventBridge envelope every trigger arrives in; {@code detail} is typed later, per source and detail-type. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventEnvelope(
        String version,
        String id,
        @JsonProperty("detail-type") String detailType,
        String source,
        String account,
        String time,
        String region,
        List<String> resources,
        JsonNode detail) {

    public EventEnvelope {
        version = version == null ? "" : version;
        id = id == null ? "" : id;
        detailType = detailType == null ? "" : detailType;
        source = source == null ? "" : source;
        account = account == null ? "" : account;
        time = time == null ? "" : time;
        region = region == null ? "" : region;
        resources = resources == null ? List.of() : List.copyOf(resources);
    }
}
