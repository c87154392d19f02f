package dev.ecsmedic.cli;

import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Makes an SDK client unable to change an account: every operation outside an allow-list of reads is refused
 * before it is marshalled, signed or sent. {@code plan} builds all its clients with it.
 */
final class ReadOnlyGuard implements ExecutionInterceptor {

    private static final List<String> READ_PREFIXES = List.of("Describe", "List", "Get");
    private static final List<String> READ_OPERATIONS = List.of("FilterLogEvents", "SimulatePrincipalPolicy");

    static boolean isRead(String operation) {
        return READ_OPERATIONS.contains(operation) || READ_PREFIXES.stream().anyMatch(p ->
                operation.startsWith(p) && operation.length() > p.length()
                        && Character.isUpperCase(operation.charAt(p.length())));
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!isRead(operation)) {
            throw SdkClientException.create("read-only: " + attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME)
                    + "." + operation + " refused before sending; plan only reads");
        }
    }
}
