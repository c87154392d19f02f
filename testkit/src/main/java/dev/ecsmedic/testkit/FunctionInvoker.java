package dev.ecsmedic.testkit;

/**
 * Delivers one event to one Lambda function (named by its logical id in template.yaml) and returns the
 * function's result JSON. The simulator never depends on the functions: callers plug them in through this.
 */
@FunctionalInterface
public interface FunctionInvoker {
    String invoke(String functionLogicalId, byte[] event) throws Exception;
}
