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
import org.crac.Core;

/**
 * The Lambda entry point every function shares: event bytes in, report JSON out. A function's handler is its
 * two constructors: the one Lambda calls builds real clients once per container, the other is given them.
 * Local runs use this class as it is, around a remediator composed for them. Only the function as Lambda runs it
 * registers SnapStart priming ({@link Priming}) as a CRaC resource; where no CRaC implementation is present
 * (a JVM without one, the local commands) registering does nothing.
 */
public class FunctionHandler implements RequestStreamHandler {

    private final Remediator remediator;
    /** Held here: CRaC contexts hold their resources weakly, and would forget one nobody else holds. */
    private final Priming priming;

    /** The function as Lambda runs it: real clients, configuration from the environment, primed before a snapshot. */
    protected FunctionHandler(FunctionDefinition definition) {
        AwsClients clients = AwsClients.fromEnvironment();
        this.remediator = definition.compose(clients, System.getenv()).build();
        this.priming = new Priming(definition, clients::buildClients, System.out::println);
        Core.getGlobalContext().register(priming);
    }

    public FunctionHandler(Remediator remediator) {
        this.remediator = remediator;
        this.priming = null;
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readNBytes(EventParser.MAX_EVENT_BYTES + 1);
        String requestId = context == null || context.getAwsRequestId() == null ? "" : context.getAwsRequestId();
        String functionArn = context == null ? "" : String.valueOf(context.getInvokedFunctionArn());
        output.write(remediator.handle(event, functionArn, requestId).getBytes(StandardCharsets.UTF_8));
    }
}
