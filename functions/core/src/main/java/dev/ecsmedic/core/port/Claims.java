package dev.ecsmedic.core.port;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * At most one invocation carries out an action at a time, across every function and container of a deployment.
 * Reserved concurrency serialises each function, not the functions together: the stale-lock and the alarm
 * function may plan the same stop in the same second from the same (or stale) reads. Before it acts, an
 * invocation claims the action with a conditional write; a claim that another invocation holds means the action
 * is theirs. A claim is a lease that ends by itself ({@link #LEASE}), so an invocation that died holding one blocks
 * nobody for long; the same holder (Lambda's retry of the same request, or the SDK's retry of a claim whose answer
 * was lost) takes its own claim again.
 */
public interface Claims {

    /**
     * How long a claim holds: longer than one invocation may run (it starts no call after 35 s and ends by 45 s)
     * plus the seconds ECS takes to show a stop or a new deployment, so a reconcile that read the service before
     * the action took effect finishes within the lease and the next one reads the effect.
     */
    Duration LEASE = Duration.ofMinutes(2);

    /** One claim: the action's key, the invocation holding it, the function it runs in, and its lease. */
    record Claim(String key, String holder, String function, Instant at, Instant until) {}

    /**
     * Takes {@code claim} (or takes it again, for the same holder). Returns empty when {@code claim} is now held,
     * or the claim another invocation holds instead; throws {@link AwsFailure} when the write was not answered or
     * refused, so nothing is done on a claim that may not exist.
     */
    Optional<Claim> take(Claim claim);

    /** For functions that never act (dry run only): any attempt to claim is a wiring mistake. */
    Claims NONE = claim -> {
        throw new IllegalStateException("no claims table is configured (CLAIMS_TABLE): nothing may be changed");
    };
}
