package dev.ecsmedic.core.policy;

import dev.ecsmedic.core.view.Deployment;
import dev.ecsmedic.core.view.HealthStatus;
import dev.ecsmedic.core.view.RolloutState;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskDefinitionView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which running old tasks hold the locks a blocked new task needs: per lock domain (an EFS file system and
 * directory that an essential container mounts) the oldest running old task that mounts it, since it started
 * first and took the lock. Nothing is chosen when stopping cannot help: the deployment wants more tasks than one
 * lock lets run, or a rollback wants the very revision the holder already runs.
 */
final class Holders {

    sealed interface Choice permits None, Stop {}

    /** Stop nothing, because of {@code why}. */
    record None(String why) implements Choice {}

    /** Stop these tasks, which hold these lock domains. */
    record Stop(Set<String> domains, List<TaskView> tasks) implements Choice {}

    private Holders() {}

    /** Whether the task belongs to this service in this cluster, as its group and ARN say. */
    static boolean ofService(ServiceView view, TaskView task) {
        if (!("service:" + view.service()).equals(task.group())) {
            return false;
        }
        String arn = task.taskArn();
        int at = arn.indexOf(":task/");
        String path = at < 0 ? "" : arn.substring(at + ":task/".length());
        String cluster = view.cluster().substring(view.cluster().lastIndexOf('/') + 1);
        return !path.contains("/") || path.substring(0, path.indexOf('/')).equals(cluster);
    }

    static Choice choose(ServiceView view, Deployment primary, TaskDefinitionView blocked,
                         List<TaskView> candidates, List<String> reasons) {
        Set<String> needed = blocked.lockDomains();
        if (needed.isEmpty()) {
            return new None(blocked.efsVolumes().isEmpty()
                    ? "the new deployment's task definition mounts no EFS volume; an old task cannot hold its lock"
                    : "the new deployment's task definition declares EFS volume(s) " + blocked.efsVolumes().stream()
                    .map(TaskDefinitionView.EfsVolume::volumeName).toList() + " but no essential container mounts"
                    + " them; an old task cannot hold a lock it needs");
        }
        if (primary.desiredCount() > 1) {
            return new None("deployment " + primary.id() + " wants " + primary.desiredCount() + " tasks, each"
                    + " mounting " + String.join(", ", needed) + ": a single-writer lock lets only one of them run,"
                    + " so the deployment cannot complete whichever old task is stopped; nothing is stopped (run one"
                    + " task, or give each task its own directory)");
        }
        long serving = view.tasks().stream().filter(t -> primary.id().equals(t.startedBy()) && t.running()
                && t.healthStatus() != HealthStatus.UNHEALTHY).count();
        if (serving >= primary.desiredCount()) {
            return new None("the new deployment already runs all " + primary.desiredCount()
                    + " of its tasks; nothing waits for the lock");
        }
        boolean rollback = view.active().stream().anyMatch(d -> d.rolloutState() == RolloutState.FAILED);
        Set<String> held = new LinkedHashSet<>();
        List<TaskView> holders = new ArrayList<>();
        for (String domain : needed) {
            List<TaskView> mounting = candidates.stream()
                    .filter(t -> view.taskDefinition(t).map(d -> d.lockDomains().contains(domain)).orElse(false))
                    .sorted(Comparator.comparing((TaskView t) -> t.startedAt().or(t::createdAt).orElse(Instant.EPOCH))
                            .thenComparing(TaskView::taskArn))
                    .toList();
            if (mounting.isEmpty()) {
                continue;
            }
            TaskView holder = mounting.get(0);
            if (rollback && holder.taskDefinitionArn().equals(primary.taskDefinition())) {
                return new None("deployment " + primary.id() + " rolls back to " + primary.taskDefinition()
                        + ", the revision old task " + holder.id() + " already runs: stopping it would replace it"
                        + " with the same revision at the cost of downtime, so it keeps serving");
            }
            reasons.add("old task " + holder.id() + " of " + holder.startedBy() + " is RUNNING and holds " + domain
                    + " that the new deployment needs" + (mounting.size() > 1 ? " (it started first; "
                    + mounting.subList(1, mounting.size()).stream().map(TaskView::id).toList()
                    + " mount it too)" : ""));
            held.add(domain);
            if (!holders.contains(holder)) {
                holders.add(holder);
            }
        }
        for (String domain : needed) {
            List<TaskView> sharing = holders.stream()
                    .filter(t -> view.taskDefinition(t).orElseThrow().lockDomains().contains(domain)).toList();
            if (sharing.size() > 1) {
                return new None("old tasks " + sharing.stream().map(TaskView::id).toList() + " each seem to hold a"
                        + " lock the new deployment needs, yet all mount " + domain + ": one writer per directory"
                        + " cannot explain that, so nothing is stopped");
            }
        }
        for (TaskView candidate : candidates) {
            if (view.taskDefinition(candidate).map(d -> d.lockDomains().stream().noneMatch(needed::contains))
                    .orElse(true)) {
                reasons.add("old task " + candidate.id() + " shares no mounted EFS file system and directory with "
                        + "the new deployment (" + String.join(", ", needed) + "); not a lock holder");
            }
        }
        if (holders.isEmpty()) {
            return new None("no running old task mounts the file system the new deployment needs");
        }
        reasons.add("stop " + holders.size() + " old task(s), one per held lock domain: the new deployment "
                + primary.id() + " lacks " + (primary.desiredCount() - serving) + " running task(s)");
        return new Stop(held, holders);
    }
}
