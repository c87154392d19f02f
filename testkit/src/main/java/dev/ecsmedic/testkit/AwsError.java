package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error the simulated AWS returns: the {@code __type} and {@code message} of an AWS JSON error body, and any
 * members the error shape adds (DynamoDB's ConditionalCheckFailedException carries the {@code Item}).
 */
public final class AwsError extends RuntimeException {
    private final int status;
    private final String type;
    private final ObjectNode members;

    public AwsError(int status, String type, String message) {
        this(status, type, message, null);
    }

    AwsError(int status, String type, String message, ObjectNode members) {
        super(message);
        this.status = status;
        this.type = type;
        this.members = members;
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

    /** The error shape's members besides {@code message}, or null when it has none. */
    ObjectNode members() {
        return members;
    }
}
