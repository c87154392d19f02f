package dev.ecsmedic.testkit;

/**
 * Delivers one event to one Lambda function (named by its logical id in template.yaml) and returns the
 * function's result JSON. The simulator never depends on the functions: callers plug them in through this.
 */
@FunctionalInterface
public interface FunctionInvoker {
    String invoke(String functionLogicalId, byte[] event) throws Exception;

    /**
     * The same, as the Lambda invocation with this request id: Lambda's retries of an asynchronous event keep the
     * request id of its first attempt. An invoker that has no request ids ignores it.
     */
    default String invoke(String functionLogicalId, byte[] event, String requestId) throws Exception {
        return invoke(functionLogicalId, event);
    }
}
