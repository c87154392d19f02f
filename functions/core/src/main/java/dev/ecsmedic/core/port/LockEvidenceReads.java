package dev.ecsmedic.core.port;

import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.util.List;
import java.util.Map;

/**
 * Looks for the lock error in blocked tasks' own log streams. A stream or group that is gone or not readable is
 * a note in the answer; only a read AWS could not answer now is thrown ({@link AwsFailure}, retryable).
 */
public interface LockEvidenceReads {

    Search find(ServiceView view, List<TaskView> tasks, String pattern);

    /** Evidence by task ARN, and what the search could not look at. */
    record Search(Map<String, LockEvidence> evidence, List<String> notes) {
        public Search {
            evidence = Map.copyOf(evidence);
            notes = List.copyOf(notes);
        }
    }
}
