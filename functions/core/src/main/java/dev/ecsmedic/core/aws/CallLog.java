package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.CallRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Records every AWS operation the clients make, so each report says exactly which calls a decision cost; and
 * refuses to start one later than {@code callsStartWithin} into the invocation, so the invocation ends in time.
 */
public final class CallLog implements ExecutionInterceptor, CallRecord {

    private final List<String> calls = new ArrayList<>();
    private final long budgetNanos;
    private long startedNanos = Long.MIN_VALUE;

    CallLog(Duration callsStartWithin) {
        this.budgetNanos = callsStartWithin.toNanos();
    }

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (startedNanos != Long.MIN_VALUE && System.nanoTime() - startedNanos > budgetNanos) {
            throw SdkClientException.create(operation + " not started: the invocation's " + budgetNanos / 1_000_000_000
                    + " s for AWS calls are spent");
        }
        calls.add(operation);
    }

    @Override
    public synchronized void invocationStarted() {
        startedNanos = System.nanoTime();
    }

    @Override
    public synchronized int mark() {
        return calls.size();
    }

    @Override
    public synchronized List<String> since(int mark) {
        return List.copyOf(calls.subList(Math.min(mark, calls.size()), calls.size()));
    }
}
