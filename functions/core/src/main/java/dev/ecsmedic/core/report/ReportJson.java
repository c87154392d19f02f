package dev.ecsmedic.core.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/** The one place reports become JSON, so the log line and the function result are the same text. */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private ReportJson() {}

    public static String write(Report report) {
        return write((Object) report);
    }

    /** Any record made of reports, checks, strings and lists, written as reports are. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(value.getClass().getSimpleName() + " not serialisable", e);
        }
    }
}
