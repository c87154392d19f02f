package dev.ecsmedic.core.port;

/**
 * An AWS call that did not succeed, as the reconcile loop needs to know it: whether the thing is gone, the
 * function may not read it, the request was refused as it stands, or AWS could not answer now. Only the last
 * is worth retrying; the adapters decide the kind by one rule ({@code dev.ecsmedic.core.aws.AwsErrors}).
 */
public final class AwsFailure extends RuntimeException {

    public enum Kind { NOT_FOUND, ACCESS_DENIED, REJECTED, UNAVAILABLE }

    private final Kind kind;
    private final String errorCode;
    private final String type;
    private final String awsMessage;

    /**
     * @param type      the name of the failure as AWS's client reported it (the SDK exception's simple name)
     * @param errorCode AWS's error code, empty when the call never reached AWS
     * @param message   AWS's error message (the client's full message stays {@link #getMessage()})
     */
    public AwsFailure(Kind kind, String type, String errorCode, String message, Throwable cause) {
        super(cause == null || cause.getMessage() == null ? message : cause.getMessage(), cause);
        this.kind = kind;
        this.type = type;
        this.errorCode = errorCode;
        this.awsMessage = message;
    }

    public Kind kind() {
        return kind;
    }

    public String errorCode() {
        return errorCode;
    }

    /** A retry later may succeed (throttling, a 5xx, no connection); every other kind fails the same way again. */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE;
    }

    /** AWS's error code and message, without the client's request details: what a note in a report says. */
    public String detail() {
        return errorCode + (errorCode.isEmpty() ? "" : ": ") + awsMessage;
    }

    /** For a report: the client's name of the failure and its message. */
    public String describe() {
        return type + ": " + getMessage();
    }
}
