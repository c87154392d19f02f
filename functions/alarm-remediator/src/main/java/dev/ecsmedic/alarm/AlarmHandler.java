package dev.ecsmedic.alarm;

import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.function.FunctionHandler;
import dev.ecsmedic.core.function.Functions;

/** Lambda entry point of AlarmRemediatorFunction. */
public final class AlarmHandler extends FunctionHandler {

    public AlarmHandler() {
        super(Functions.ALARM);
    }

    public AlarmHandler(Remediator remediator) {
        super(remediator);
    }
}
