package dev.ecsmedic.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The floor of the runtime interface client: a handler that reads its event and answers at once. */
public final class BareHandler implements RequestStreamHandler {

    static final String ANSWER = "{\"bare\":true}";

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(ANSWER.getBytes(StandardCharsets.UTF_8));
    }
}
