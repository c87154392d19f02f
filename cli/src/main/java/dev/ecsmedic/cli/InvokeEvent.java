package dev.ecsmedic.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ecsmedic.core.event.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The event {@code invoke} hands a function, read and weighed as Lambda would: over Lambda's synchronous payload
 * limit it is refused, as Lambda refuses it; over the functions' own limit, or not JSON, it is passed on with a
 * warning, since the function itself reports such input, and says how big it really is.
 */
final class InvokeEvent {

    /** Lambda's limit on a synchronous invocation's payload (RequestResponse, as {@code invoke} runs): 6 MB. */
    static final int LAMBDA_SYNC_PAYLOAD_BYTES = 6 * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private InvokeEvent() {}

    /** The bytes of {@code path} ({@code -}: {@code stdin}; none: {@code {}}), after the checks above. */
    static byte[] read(String path, InputStream stdin, PrintWriter err) throws IOException {
        if (path == null) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        String name = path.equals("-") ? "the event on stdin" : "event file " + path;
        byte[] event;
        try {
            event = path.equals("-") ? stdin.readAllBytes() : Files.readAllBytes(Path.of(path));
        } catch (NoSuchFileException e) {
            throw new IOException("no " + name);
        } catch (IOException e) {
            throw new IOException("cannot read " + name + ": " + e.getMessage());
        }
        if (event.length > LAMBDA_SYNC_PAYLOAD_BYTES) {
            throw new IllegalArgumentException(name + " is " + event.length + " bytes, over Lambda's 6 MB ("
                    + LAMBDA_SYNC_PAYLOAD_BYTES + "-byte) synchronous invocation payload limit: Lambda would refuse it");
        }
        if (event.length > EventParser.MAX_EVENT_BYTES) {
            err.println("warning: " + name + " is " + event.length + " bytes, over the " + EventParser.MAX_EVENT_BYTES
                    + " bytes (256 KB, EventBridge's event size limit) a function reads; it will ignore the event, "
                    + "counting only the " + (EventParser.MAX_EVENT_BYTES + 1) + " bytes it read");
        } else {
            String malformed = malformed(event);
            if (!malformed.isEmpty()) {
                err.println("warning: " + name + " is not well-formed JSON (" + malformed + "); invoking anyway, as "
                        + "sam local invoke does, to show how the function reports it (Lambda's Invoke API would "
                        + "refuse it: InvalidRequestContentException)");
            }
        }
        return event;
    }

    /** Why {@code event} is not one JSON value, or empty when it is. */
    private static String malformed(byte[] event) {
        try {
            return JSON.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(event).isMissingNode()
                    ? "no JSON value" : "";
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage().lines().findFirst().orElse("");
            return (why.length() > 100 ? why.substring(0, 100) + "..." : why)
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
