package dev.ecsmedic.core.aws;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Walks a paginated list call page by page, as the SDK's paginators do: the next call carries the previous
 * answer's token, and an absent or empty token ends the walk. Written here rather than taken from the SDK because
 * any SDK paginator reaches {@code AwsRequest.Builder.overrideConfiguration}, and ProGuard then keeps the default
 * bridge method of that name in every request builder of every service in the jar, and with it most of each
 * service's model (see functions/proguard.pro).
 */
final class Pages {

    private Pages() {}

    /** {@code call} gets the token to send ({@code null} first), {@code token} reads the next one from an answer. */
    static <R> void each(Function<String, R> call, Function<R, String> token, Consumer<R> page) {
        String next = null;
        do {
            R response = call.apply(next);
            page.accept(response);
            next = token.apply(response);
        } while (next != null && !next.isEmpty());
    }
}
