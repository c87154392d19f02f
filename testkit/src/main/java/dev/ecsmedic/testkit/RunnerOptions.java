package dev.ecsmedic.testkit;

import java.time.Duration;
import java.util.Map;

/**
 * How a scenario run delivers events: EventBridge's delay, duplicates and reordering (from {@code seed}), the
 * scheduled rules to fire ({@code schedules}: function logical id to period), the step of the virtual clock,
 * Lambda's asynchronous retries of an invocation that threw ({@code asyncRetries}, one and then two minutes later,
 * then the failed-events queue), and the faults the world's endpoint injects ({@code faults}, null: none).
 */
public record RunnerOptions(
        Duration step,
        Duration deliveryDelay,
        double duplicateProbability,
        Duration reorderJitter,
        long seed,
        Map<String, Duration> schedules,
        Duration limit,
        int asyncRetries,
        FaultInjector.Config faults) {

    public RunnerOptions {
        schedules = Map.copyOf(schedules);
    }

    public static RunnerOptions defaults() {
        return new RunnerOptions(Duration.ofSeconds(1), Duration.ofSeconds(1), 0.0, Duration.ZERO, 42L, Map.of(),
                null, 2, null);
    }

    public RunnerOptions withSchedules(Map<String, Duration> newSchedules) {
        return new RunnerOptions(step, deliveryDelay, duplicateProbability, reorderJitter, seed, newSchedules, limit,
                asyncRetries, faults);
    }

    /** Delivers each event twice with probability {@code p} and up to {@code jitter} late, so order varies. */
    public RunnerOptions withChaos(double p, Duration jitter, long newSeed) {
        return new RunnerOptions(step, deliveryDelay, p, jitter, newSeed, schedules, limit, asyncRetries, faults);
    }

    public RunnerOptions withDeliveryDelay(Duration delay) {
        return new RunnerOptions(step, delay, duplicateProbability, reorderJitter, seed, schedules, limit,
                asyncRetries, faults);
    }

    public RunnerOptions withLimit(Duration newLimit) {
        return new RunnerOptions(step, deliveryDelay, duplicateProbability, reorderJitter, seed, schedules, newLimit,
                asyncRetries, faults);
    }

    public RunnerOptions withAsyncRetries(int retries) {
        return new RunnerOptions(step, deliveryDelay, duplicateProbability, reorderJitter, seed, schedules, limit,
                retries, faults);
    }

    /** The world's endpoint injects these faults while the functions react (null: none). */
    public RunnerOptions withFaults(FaultInjector.Config newFaults) {
        return new RunnerOptions(step, deliveryDelay, duplicateProbability, reorderJitter, seed, schedules, limit,
                asyncRetries, newFaults);
    }
}
