package dev.ecsmedic.core.port;

import java.util.List;

/** The AWS operations made so far, so each report says exactly which calls its decision cost. */
public interface CallRecord {

    CallRecord NONE = new CallRecord() {
        @Override
        public int mark() {
            return 0;
        }

        @Override
        public List<String> since(int mark) {
            return List.of();
        }
    };

    /** A new invocation begins: its calls are counted, and timed, from here. */
    default void invocationStarted() {
    }

    int mark();

    List<String> since(int mark);
}
