package dev.ecsmedic.testkit;

import java.time.Instant;

/** One line of a scenario run's timeline, in virtual time. */
public record TimelineEntry(Instant at, Kind kind, String subject, String text) {

    public enum Kind {
        /** An event delivered to functions (subject: detail-type). */
        EVENT,
        /** A function invocation (subject: function id, text: its result JSON or error). */
        INVOCATION,
        /** A mutating API call made by a function (subject: function id). */
        API_CALL,
        /** A task or deployment transition in the world. */
        STATE,
        /** A step of the scenario's script, acting as a person. */
        SCRIPT
    }

    @Override
    public String toString() {
        return at + " " + kind + " " + subject + ": " + text;
    }
}
