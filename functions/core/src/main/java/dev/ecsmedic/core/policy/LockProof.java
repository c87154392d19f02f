package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.LockEvidence;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.util.List;
import java.util.Optional;

/**
 * A lock line proves a blocked task waited for the lock only if it is that task's own: it names the task, it is
 * in one of the task's own awslogs streams ({@code prefix/container/taskId}), and it was written after the
 * task's deployment was created. Anything else is said and ignored.
 */
final class LockProof {

    private LockProof() {}

    static Optional<LockEvidence> own(ServiceView view, Deployment primary, TaskView task, LockEvidence line,
                                      List<String> reasons) {
        if (line == null) {
            return Optional.empty();
        }
        String ignored = "a log line offered as lock evidence for new task " + task.id() + " is ignored: ";
        if (!line.taskArn().equals(task.taskArn())) {
            reasons.add(ignored + "it was found for task " + line.taskArn());
            return Optional.empty();
        }
        boolean ownStream = view.taskDefinition(task).stream().flatMap(d -> d.containers().stream())
                .anyMatch(c -> c.awslogs().filter(l -> l.group().equals(line.logGroup()))
                        .flatMap(l -> l.stream(c.name(), task.id())).filter(line.logStream()::equals).isPresent());
        if (!ownStream) {
            reasons.add(ignored + line.logGroup() + " " + line.logStream() + " is not one of its own log streams");
            return Optional.empty();
        }
        if (line.at().isBefore(primary.createdAt())) {
            reasons.add(ignored + "it was written at " + line.at() + ", before deployment " + primary.id()
                    + " was created at " + primary.createdAt());
            return Optional.empty();
        }
        return Optional.of(line);
    }
}
