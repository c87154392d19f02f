package dev.ecsmedic.cli;

import dev.ecsmedic.core.aws.AwsClients;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.regions.Region;

/**
 * Makes an SDK client unable to change an account: every operation outside an allow-list of reads is refused
 * before it is marshalled, signed or sent. {@code plan} and {@code exec-check} build all their clients with it.
 */
final class ReadOnlyGuard implements ExecutionInterceptor {

    private static final List<String> READ_PREFIXES = List.of("Describe", "List", "Get");
    private static final List<String> READ_OPERATIONS = List.of("FilterLogEvents", "SimulatePrincipalPolicy");

    /** Clients of every service, each refusing anything but reads. */
    static AwsClients clients(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {
        return new AwsClients(Region.of(region), endpoint, credentials, List.of(new ReadOnlyGuard()));
    }

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
                    + "." + operation + " refused before sending; this command only reads");
        }
    }
}
