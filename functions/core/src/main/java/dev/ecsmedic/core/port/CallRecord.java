package dev.ecsmedic.core.port;

import java.util.List;

/** The AWS operations made so far, so each report says exactly which calls its decision cost. */
public interface CallRecord {

    /** A new invocation begins: its calls are counted, and timed, from here. */
    default void invocationStarted() {
    }

    int mark();

    List<String> since(int mark);
}
