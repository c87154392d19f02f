package dev.ecsmedic.core;

import dev.ecsmedic.core.aws.EcsObserver;
import dev.ecsmedic.core.aws.LockEvidenceReader;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.util.ArrayList;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconcile has read of a service so far. Each remediation asks only for what its decision needs, and
 * nothing is read twice in one invocation.
 */
public final class Observation {

    private final EcsObserver ecs;
    private final LockEvidenceReader logs;
    private final ServiceView service;
    private final List<String> taskHints;
    private final Optional<Instant> execEnabledAt;
    private final List<String> notes = new ArrayList<>();
    private ServiceView withTasks;

    Observation(EcsObserver ecs, LockEvidenceReader logs, ServiceView service, List<String> taskHints,
                Optional<Instant> execEnabledAt) {
        this.ecs = ecs;
        this.logs = logs;
        this.service = service;
        this.taskHints = List.copyOf(taskHints);
        this.execEnabledAt = execEnabledAt;
    }

    /** The service and its deployments, without tasks. */
    public ServiceView service() {
        return service;
    }

    /** The service with its running and recently stopped tasks and their task definitions. */
    public ServiceView withTasks() {
        if (withTasks == null) {
            withTasks = ecs.withTasks(service, taskHints);
        }
        return withTasks;
    }

    public Map<String, LockEvidence> lockEvidence(ServiceView view, List<TaskView> tasks, String pattern) {
        LockEvidenceReader.Search search = logs.find(view, tasks, pattern);
        notes.addAll(search.notes());
        return search.evidence();
    }

    /** When the event being handled recorded ECS Exec being enabled on the service (CloudTrail); else empty. */
    public Optional<Instant> execEnabledAt() {
        return execEnabledAt;
    }

    public EcsObserver ecs() {
        return ecs;
    }

    /** Things learned while reading that the report should say (for example a log group not readable). */
    public List<String> notes() {
        return List.copyOf(notes);
    }
}
