package dev.ecsmedic.core.aws;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How long one AWS call may take and how often it is tried, and how long into an invocation a call may still
 * start: together they bound an invocation, so it writes its report (or throws, for Lambda to retry) before
 * Lambda's {@code Timeout} would kill it without either.
 *
 * <p>For template.yaml's {@code Timeout: 60}: an attempt gets 3 s (ECS and CloudWatch Logs answer these reads in
 * well under a second), the SDK's standard mode tries up to 5 times with jittered exponential back-off (100 ms
 * base, 500 ms after throttling, at most 2 s), and a call gets 10 s in all. Five quick faults in a row fit (after
 * throttling the back-off is at most 1 + 2 + 2 + 2 = 7 s), so the report names what AWS answered; attempts that
 * time out fit three times, and the SDK ends the call at 10 s whatever its attempts are doing. (Three attempts,
 * the standard default, let one invocation in a dozen fail at a 20 % fault rate: the alarm path has one event,
 * and Lambda's retry a minute later may come after the circuit breaker failed the deployment.) No call starts later than 35 s into the invocation, so the last one ends
 * by 35 + 10 = 45 s and the report is written (or the error thrown) with 15 s to spare.
 *
 * @param attempt           one attempt, from sending the request to the last byte of the answer
 * @param apiCall           one call, every attempt and back-off included
 * @param maxAttempts       attempts per call (the first included), standard retry mode
 * @param connect           establishing a connection (within one attempt)
 * @param backoff           the base of the back-off before a retry
 * @param throttledBackoff  the base of the back-off before a retry after throttling
 * @param maxBackoff        the longest back-off before one retry
 * @param callsStartWithin  how long into an invocation a call may still start
 */
public record Timeouts(Duration attempt, Duration apiCall, int maxAttempts, Duration connect, Duration backoff,
                       Duration throttledBackoff, Duration maxBackoff, Duration callsStartWithin) {

    /** The function's Timeout in template.yaml, which {@link #LAMBDA} is chosen for. */
    public static final Duration FUNCTION_TIMEOUT = Duration.ofSeconds(60);

    public static final Timeouts LAMBDA = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(10), 5,
            Duration.ofSeconds(2), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(2),
            Duration.ofSeconds(35));

    public Timeouts {
        if (attempt.compareTo(apiCall) > 0 || connect.compareTo(attempt) > 0 || maxAttempts < 1) {
            throw new IllegalArgumentException("inconsistent timeouts " + attempt + ", " + apiCall + ", " + connect);
        }
    }

    /** The latest an invocation can end: the last call starts at the limit and takes its whole time. */
    public Duration worstCaseInvocation() {
        return callsStartWithin.plus(apiCall);
    }

    /** The same shape in milliseconds instead of seconds: for a simulation whose slow answers are short. */
    public Timeouts scaledTo(Duration newAttempt) {
        double f = (double) newAttempt.toMillis() / attempt.toMillis();
        return new Timeouts(newAttempt, scale(apiCall, f), maxAttempts, scale(connect, f), scale(backoff, f),
                scale(throttledBackoff, f), scale(maxBackoff, f), callsStartWithin);
    }

    private static Duration scale(Duration d, double f) {
        return Duration.ofMillis(Math.max(1, (long) (d.toMillis() * f)));
    }

    RetryStrategy retries() {
        return AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts)
                .backoffStrategy(BackoffStrategy.exponentialDelay(backoff, maxBackoff))
                .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(throttledBackoff, maxBackoff))
                .build();
    }
}
