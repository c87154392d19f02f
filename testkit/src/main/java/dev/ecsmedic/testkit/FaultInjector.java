package dev.ecsmedic.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import java.util.TreeMap;

/**
 * The faults a real AWS endpoint shows a client, injected at a seeded rate per operation into every service the
 * simulator serves: ECS and CloudWatch Logs (AWS JSON 1.1), DynamoDB (AWS JSON 1.0), CloudWatch (Smithy RPC v2
 * CBOR), and IAM, EC2 and SNS (their query protocols): throttling, 500 and 503, an answer slower than the client
 * waits for, a connection closed without an answer, and ECS's eventual consistency. Each service answers a fault
 * with its own documented error code and HTTP status. A 5xx, slow answer or closed connection may come after the
 * operation took effect: the call succeeded, the client saw a fault.
 */
public final class FaultInjector {

    /** What a faulted call looks like to the client. */
    public enum Kind { THROTTLING, INTERNAL_ERROR, SERVICE_UNAVAILABLE, SLOW_RESPONSE, CONNECTION_RESET }

    /** One injected fault: its kind, and whether the operation took effect before the client saw it. */
    public record Fault(Kind kind, boolean afterEffect) {}

    /** One fault as it happened, for a test to count. */
    public record Injected(String operation, Kind kind, boolean afterEffect) {}

    /**
     * @param rate        probability that one call of a faulted operation fails
     * @param operations  the operations faulted (empty: every one)
     * @param kinds       the kinds drawn from, uniformly
     * @param slow        how long a slow answer takes (longer than the client's attempt timeout)
     * @param staleAfterStop  DescribeTasks shows a task as it was before StopTask for up to this long (seeded)
     * @param listLag     ListTasks omits a task for up to this long after it was launched (seeded)
     * @param afterEffect probability that a fault other than throttling comes after the operation took effect
     */
    public record Config(double rate, long seed, Set<String> operations, Set<Kind> kinds, Duration slow,
                         Duration staleAfterStop, Duration listLag, double afterEffect) {
        public Config {
            operations = Set.copyOf(operations);
            kinds = Set.copyOf(kinds);
        }

        /** Every fault kind on every operation at {@code rate}, with ECS's consistency lag of a few seconds. */
        public static Config of(double rate, long seed) {
            return new Config(rate, seed, Set.of(), Set.of(Kind.values()), Duration.ofMillis(250),
                    Duration.ofSeconds(10), Duration.ofSeconds(5), 0.5);
        }

        /** Only these operations fail, only in these ways. */
        public Config only(Set<String> faultedOperations, Set<Kind> faultKinds) {
            return new Config(rate, seed, faultedOperations, faultKinds, slow, staleAfterStop, listLag, afterEffect);
        }

        /** Every fault but throttling comes after the operation took effect: the answer is lost. */
        public Config answersLost() {
            return new Config(rate, seed, operations, kinds, slow, staleAfterStop, listLag, 1.0);
        }

    }

    public static final FaultInjector NONE = new FaultInjector(new Config(0, 0, Set.of(), Set.of(),
            Duration.ZERO, Duration.ZERO, Duration.ZERO, 0));

    private final Config config;
    private final Map<String, Integer> calls = new HashMap<>();
    private final List<Kind> kinds;
    private final List<Injected> injected = new ArrayList<>();
    private final Map<String, Stale> stale = new HashMap<>();
    private final Map<String, Instant> listedFrom = new HashMap<>();

    private record Stale(Instant until, ObjectNode described) {}

    public FaultInjector(Config config) {
        this.config = config;
        this.kinds = config.kinds().stream().sorted().toList();
    }

    public Config config() {
        return config;
    }

    /** The fault for the next call of {@code operation}, or null when it is answered normally. */
    synchronized Fault next(String operation) {
        if (kinds.isEmpty() || config.rate() <= 0
                || (!config.operations().isEmpty() && !config.operations().contains(operation))) {
            return null;
        }
        SplittableRandom random = draw(operation + "#" + calls.merge(operation, 1, Integer::sum));
        if (random.nextDouble() >= config.rate()) {
            return null;
        }
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        boolean after = kind != Kind.THROTTLING && random.nextDouble() < config.afterEffect();
        injected.add(new Injected(operation, kind, after));
        return new Fault(kind, after);
    }

    /**
     * The draws for one call, from the seed and the call's place among the calls of its operation (or a task's
     * id): a call that the client retries for reasons of its own shifts nothing but its own operation's draws.
     */
    private SplittableRandom draw(String key) {
        return new SplittableRandom(config.seed() * 1_000_003L + key.hashCode());
    }

    private Duration lag(Duration max, String key) {
        return max.isZero() || this == NONE ? Duration.ZERO : Duration.ofMillis(1000
                + (long) (draw(key).nextDouble() * Math.max(0, max.toMillis() - 1000)));
    }

    /** Remembers a task's description just before StopTask, to be answered while ECS is not yet consistent. */
    synchronized void beforeStop(String taskId, ObjectNode described,
                                 Instant now) {
        Duration lag = lag(config.staleAfterStop(), "stale " + taskId);
        if (!lag.isZero() && !stale.containsKey(taskId)) {
            stale.put(taskId, new Stale(now.plus(lag), described));
        }
    }

    /** The stale description DescribeTasks still gives of a task, or null when ECS has caught up. */
    synchronized ObjectNode staleDescription(String taskId,
                                                                                  Instant now) {
        Stale s = stale.get(taskId);
        return s == null || !now.isBefore(s.until()) ? null : s.described().deepCopy();
    }

    /** Whether ListTasks still omits a task launched at {@code launchedAt}. */
    synchronized boolean unlisted(String taskId, Instant launchedAt, Instant now) {
        Instant from = listedFrom.computeIfAbsent(taskId, id -> launchedAt.plus(lag(config.listLag(), "listed " + id)));
        return now.isBefore(from);
    }

    /** Every fault injected so far, in order. */
    public synchronized List<Injected> injected() {
        return List.copyOf(injected);
    }

    /** Injected faults by kind. */
    public synchronized Map<Kind, Integer> counts() {
        Map<Kind, Integer> counts = new TreeMap<>();
        injected.forEach(i -> counts.merge(i.kind(), 1, Integer::sum));
        return counts;
    }

    /**
     * The error {@code service} answers with for {@code kind}, as AWS documents it for that service: each throttles
     * with its own code and status (IAM {@code Throttling} 400, EC2 {@code RequestLimitExceeded} 503, SNS
     * {@code Throttled} 429, the JSON services {@code ThrottlingException} 400), and fails with its own 500 and 503.
     */
    static AwsError error(Kind kind, String service) {
        return switch (kind) {
            case THROTTLING -> switch (service) {
                case "iam" -> new AwsError(400, "Throttling", "Rate exceeded");
                case "ec2" -> new AwsError(503, "RequestLimitExceeded", "Request limit exceeded.");
                case "sns" -> new AwsError(429, "Throttled", "Rate exceeded");
                default -> new AwsError(400, "ThrottlingException", "Rate exceeded");
            };
            case INTERNAL_ERROR -> switch (service) {
                case "ecs" -> new AwsError(500, "ServerException", "Service encountered an internal error.");
                case "logs" -> new AwsError(500, "ServiceUnavailableException",
                        "The service cannot complete the request.");
                case "dynamodb" -> new AwsError(500, "InternalServerError", "Internal server error");
                case "iam" -> new AwsError(500, "ServiceFailure",
                        "The request processing has failed because of an unknown error, exception or failure.");
                case "ec2" -> new AwsError(500, "InternalError", "An internal error has occurred.");
                case "sns" -> new AwsError(500, "InternalError", "Indicates an internal service error.");
                default -> new AwsError(500, "InternalServiceFault",
                        "Request processing has failed due to some unknown error, exception, or failure.");
            };
            case SERVICE_UNAVAILABLE -> service.equals("ec2")
                    ? new AwsError(503, "Unavailable", "The server is overloaded and can't handle the request.")
                    : new AwsError(503, "ServiceUnavailable",
                            "The request has failed due to a temporary failure of the server.");
            default -> throw new IllegalArgumentException(kind + " is not answered with an error");
        };
    }
}
