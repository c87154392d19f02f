package dev.ecsmedic.cli.runtime;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The invocation context Lambda passes to a handler, filled from the environment Lambda would set. */
final class LocalContext implements Context {

    private final String requestId;
    private final String invokedArn;
    private final Map<String, String> env;
    private final long deadlineNanos;
    private final LambdaLogger logger;

    private LocalContext(String requestId, String invokedArn, Map<String, String> env, long deadlineNanos,
                         LambdaLogger logger) {
        this.requestId = requestId;
        this.invokedArn = invokedArn;
        this.env = Map.copyOf(env);
        this.deadlineNanos = deadlineNanos;
        this.logger = logger;
    }

    static LocalContext start(String requestId, String invokedArn, Map<String, String> env, int timeoutSeconds,
                              PrintStream log) {
        LambdaLogger logger = new LambdaLogger() {
            @Override
            public void log(String message) {
                log.print(message);
                log.flush();
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
        return new LocalContext(requestId, invokedArn, env, System.nanoTime() + timeoutSeconds * 1_000_000_000L,
                logger);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return env.getOrDefault("AWS_LAMBDA_LOG_GROUP_NAME", "");
    }

    @Override
    public String getLogStreamName() {
        return env.getOrDefault("AWS_LAMBDA_LOG_STREAM_NAME", "");
    }

    @Override
    public String getFunctionName() {
        return env.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "");
    }

    @Override
    public String getFunctionVersion() {
        return env.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    }

    @Override
    public String getInvokedFunctionArn() {
        return invokedArn;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
        return Integer.parseInt(env.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128"));
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
