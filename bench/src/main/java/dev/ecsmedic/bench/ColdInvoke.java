package dev.ecsmedic.bench;

import dev.ecsmedic.stalelock.StaleLockHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One invocation of the stale-lock function in a fresh JVM, configured only by the environment as in Lambda
 * (CLUSTER_NAME, ..., AWS_ENDPOINT_URL): what cold-start.sh times against the same reads in Node.js.
 */
public final class ColdInvoke {

    private ColdInvoke() {}

    public static void main(String[] args) throws Exception {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        new StaleLockHandler().handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
    }
}
