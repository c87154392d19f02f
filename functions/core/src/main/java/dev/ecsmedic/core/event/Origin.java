package dev.ecsmedic.core.event;

/**
 * Where a trigger came from, for the report: the event's source, detail-type, id, and a one-line cause. Each is
 * text from the event, so each is bounded (and control characters escaped) however long the event made it.
 */
public record Origin(String source, String detailType, String eventId, String cause) {

    public Origin {
        source = Names.shown(source);
        detailType = Names.shown(detailType);
        eventId = Names.shown(eventId);
        cause = Names.abbreviated(cause, 1000);
    }

    public static Origin unknown(String cause) {
        return new Origin("", "", "", cause);
    }

    static Origin of(EventEnvelope event, String cause) {
        return new Origin(event.source(), event.detailType(), event.id(), cause);
    }
}
