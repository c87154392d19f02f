package dev.ecsmedic.core.event;

/** Where a trigger came from, for the report: the event's source, detail-type, id, and a one-line cause. */
public record Origin(String source, String detailType, String eventId, String cause) {

    public static Origin unknown(String cause) {
        return new Origin("", "", "", cause);
    }

    static Origin of(EventEnvelope event, String cause) {
        return new Origin(event.source(), event.detailType(), event.id(), cause);
    }
}
