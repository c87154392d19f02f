package dev.ecsmedic.testkit;

/** An error the simulated AWS returns: the {@code __type} and {@code message} of an AWS JSON 1.1 error body. */
public final class AwsError extends RuntimeException {
    private final int status;
    private final String type;

    public AwsError(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    static AwsError invalid(String message) {
        return new AwsError(400, "InvalidParameterException", message);
    }

    static AwsError clusterNotFound() {
        return new AwsError(400, "ClusterNotFoundException", "Cluster not found.");
    }

    static AwsError serviceNotFound() {
        return new AwsError(400, "ServiceNotFoundException", "Service not found.");
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }
}
