package dev.ecsmedic.execrollout;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.event.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Lambda entry point of ExecRolloutFunction: event bytes in, report JSON out. */
public final class ExecRolloutHandler implements RequestStreamHandler {

    public static final String FUNCTION = "ExecRolloutFunction";

    private final Remediator remediator;

    /** Called by Lambda once per container: real clients, settings from the environment. */
    public ExecRolloutHandler() {
        this(compose(AwsClients.fromEnvironment()).settingsFrom(System.getenv()).build());
    }

    public ExecRolloutHandler(Remediator remediator) {
        this.remediator = remediator;
    }

    /** This function's remediations on the given clients; settings, clock and log are the caller's. */
    public static Remediator.Builder compose(AwsClients clients) {
        return Remediator.builder(FUNCTION, clients)
                .remediation(new ExecRolloutRemediation(ExecFactsReader.from(clients)));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(EventParser.MAX_EVENT_BYTES + 1);
        output.write(remediator.handle(event).getBytes(StandardCharsets.UTF_8));
    }
}
