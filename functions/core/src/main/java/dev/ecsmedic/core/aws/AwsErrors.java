package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.AwsFailure.Kind;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The one rule by which every adapter turns an SDK exception into an {@link AwsFailure}: no answer from AWS,
 * throttling and 5xx are UNAVAILABLE (a retry may help); 404 and {@code *NotFound*} codes NOT_FOUND; 403 and
 * access-denied codes ACCESS_DENIED; any other 4xx REJECTED (the same request fails the same way again).
 */
final class AwsErrors {

    private AwsErrors() {}

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw translate(e);
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    static AwsFailure translate(SdkException e) {
        String type = e.getClass().getSimpleName();
        if (!(e instanceof AwsServiceException service)) {
            return new AwsFailure(Kind.UNAVAILABLE, type, "", text(e.getMessage()), e);
        }
        String code = service.awsErrorDetails() == null ? "" : text(service.awsErrorDetails().errorCode());
        String message = service.awsErrorDetails() == null || service.awsErrorDetails().errorMessage() == null
                ? text(service.getMessage()) : service.awsErrorDetails().errorMessage();
        return new AwsFailure(kind(service.statusCode(), code, service.isThrottlingException()), type, code,
                message, e);
    }

    static Kind kind(int status, String code, boolean throttling) {
        if (throttling || status >= 500 || status < 400) {
            return Kind.UNAVAILABLE;
        }
        if (status == 404 || code.endsWith("NotFoundException") || code.endsWith("NotFound")
                || code.equals("NoSuchEntity")) {
            return Kind.NOT_FOUND;
        }
        if (status == 403 || code.startsWith("AccessDenied") || code.equals("UnauthorizedOperation")
                || code.equals("AuthorizationError")) {
            return Kind.ACCESS_DENIED;
        }
        return Kind.REJECTED;
    }

    /** Runs a read: "" when it was answered, else its note ({@link #noteOrThrow}). */
    static String noteOf(Runnable read) {
        try {
            run(read);
            return "";
        } catch (AwsFailure e) {
            return noteOrThrow(e);
        }
    }

    /** What a note says of a read that was not answered; a failure worth retrying is thrown instead. */
    static String noteOrThrow(AwsFailure failure) {
        if (failure.retryable()) {
            throw failure;
        }
        return failure.detail();
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
