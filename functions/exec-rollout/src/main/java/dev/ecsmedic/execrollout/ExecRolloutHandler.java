package dev.ecsmedic.execrollout;

import dev.ecsmedic.core.Remediator;
import dev.ecsmedic.core.function.FunctionHandler;
import dev.ecsmedic.core.function.Functions;

/** Lambda entry point of ExecRolloutFunction. */
public final class ExecRolloutHandler extends FunctionHandler {

    public ExecRolloutHandler() {
        super(Functions.EXEC_ROLLOUT);
    }

    public ExecRolloutHandler(Remediator remediator) {
        super(remediator);
    }
}
