package dev.ecsmedic.core.policy;

/** The outcome of one reconcile, as reported. */
public enum Decision {
    NO_ACTION,
    STOP_STALE_TASKS,
    FORCE_NEW_DEPLOYMENT,
    EXEC_NOT_READY,
    FAILED
}
