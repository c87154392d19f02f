package dev.ecsmedic.stalelock;

import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.function.FunctionHandler;
import dev.ecsmedic.core.function.Functions;

/** Lambda entry point of StaleLockRemediatorFunction. */
public final class StaleLockHandler extends FunctionHandler {

    public StaleLockHandler() {
        super(Functions.STALE_LOCK);
    }

    public StaleLockHandler(Remediator remediator) {
        super(remediator);
    }
}
