package dev.ecsmedic.core.aws;

import dev.ecsmedic.core.port.CallRecord;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** Records every AWS operation the clients make, so each report says exactly which calls a decision cost. */
public final class CallLog implements ExecutionInterceptor, CallRecord {

    private final List<String> calls = new ArrayList<>();

    @Override
    public synchronized void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        calls.add(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
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
