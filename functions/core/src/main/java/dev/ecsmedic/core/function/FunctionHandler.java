package dev.ecsmedic.core.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.aws.AwsClients;
import dev.ecsmedic.core.event.EventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The Lambda entry point every function shares: event bytes in, report JSON out. A function's handler is its
 * two constructors: the one Lambda calls builds real clients once per container, the other is given them.
 * Local runs use this class as it is, around a remediator composed for them.
 */
public class FunctionHandler implements RequestStreamHandler {

    private final Remediator remediator;

    /** The function as Lambda runs it: real clients, configuration from the environment. */
    protected FunctionHandler(FunctionDefinition definition) {
        this(definition.compose(AwsClients.fromEnvironment(), System.getenv()).build());
    }

    public FunctionHandler(Remediator remediator) {
        this.remediator = remediator;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(EventParser.MAX_EVENT_BYTES + 1);
        String requestId = context == null || context.getAwsRequestId() == null ? "" : context.getAwsRequestId();
        String functionArn = context == null ? "" : String.valueOf(context.getInvokedFunctionArn());
        output.write(remediator.handle(event, functionArn, requestId).getBytes(StandardCharsets.UTF_8));
    }
}
