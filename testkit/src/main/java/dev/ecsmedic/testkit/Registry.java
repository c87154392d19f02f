package dev.ecsmedic.testkit;

import dev.ecsmedic.testkit.Model.Cluster;
import dev.ecsmedic.testkit.Model.Service;
import dev.ecsmedic.testkit.Model.Task;
import dev.ecsmedic.testkit.Model.TaskDef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The account's ECS resources and how ECS finds them by name or ARN: clusters with their services, the revisions
 * of each task definition family, and every task ever launched, in launch order.
 */
final class Registry {
    private final Map<String, Cluster> clusters = new LinkedHashMap<>();
    private final Map<String, List<TaskDef>> taskDefs = new LinkedHashMap<>();
    private final Map<String, Task> tasks = new LinkedHashMap<>();

    void addCluster(String name) {
        clusters.computeIfAbsent(name, Cluster::new);
    }

    List<Cluster> clusters() {
        return List.copyOf(clusters.values());
    }

    /** The cluster of this exact name, or null. */
    Cluster findCluster(String name) {
        return clusters.get(name);
    }

    /** The cluster a request names by name or ARN; a missing name means {@code default}, as in ECS. */
    Cluster requireCluster(String nameOrArn) {
        String name = nameOrArn == null || nameOrArn.isBlank() ? "default" : nameOrArn;
        if (name.startsWith("arn:")) {
            int slash = name.indexOf(":cluster/");
            name = slash < 0 ? name : name.substring(slash + ":cluster/".length());
        }
        Cluster c = clusters.get(name);
        if (c == null) {
            throw AwsError.clusterNotFound();
        }
        return c;
    }

    TaskDef register(TaskDefinitionSpec spec, Instant now) {
        List<TaskDef> revisions = taskDefs.computeIfAbsent(spec.family(), f -> new ArrayList<>());
        TaskDef td = new TaskDef(spec, revisions.size() + 1, now);
        revisions.add(td);
        return td;
    }

    /** The newest revision of a family. */
    TaskDef latest(String family) {
        List<TaskDef> revisions = taskDefs.get(family);
        if (revisions == null) {
            throw AwsError.invalid("Unable to describe task definition.");
        }
        return revisions.get(revisions.size() - 1);
    }

    /** The revision a request names: {@code family}, {@code family:revision} or the task definition ARN. */
    TaskDef resolveTaskDef(String ref) {
        if (ref == null || ref.isBlank()) {
            throw AwsError.invalid("Task Definition can not be blank.");
        }
        String r = ref.startsWith("arn:") ? ref.substring(ref.indexOf("task-definition/") + "task-definition/".length()) : ref;
        String family = r.contains(":") ? r.substring(0, r.indexOf(':')) : r;
        List<TaskDef> revisions = taskDefs.get(family);
        if (revisions == null) {
            throw new AwsError(400, "ClientException", "Unable to describe task definition.");
        }
        if (!r.contains(":")) {
            return revisions.get(revisions.size() - 1);
        }
        try {
            int revision = Integer.parseInt(r.substring(r.indexOf(':') + 1));
            if (revision < 1 || revision > revisions.size()) {
                throw new AwsError(400, "ClientException", "Unable to describe task definition.");
            }
            return revisions.get(revision - 1);
        } catch (NumberFormatException e) {
            throw AwsError.invalid("Invalid revision number. Number: " + r.substring(r.indexOf(':') + 1));
        }
    }

    List<TaskDefinitionSpec> taskDefinitionsWithRole(String roleArn) {
        return taskDefs.values().stream().flatMap(List::stream).map(td -> td.spec)
                .filter(spec -> roleArn.equals(spec.taskRoleArn())).toList();
    }

    void addTask(Task t) {
        tasks.put(t.id, t);
    }

    /** Every task ever launched, in launch order. */
    List<Task> tasks() {
        return List.copyOf(tasks.values());
    }

    /** How many tasks were ever launched: the launch number of the next one. */
    int taskCount() {
        return tasks.size();
    }

    Task task(String id) {
        return tasks.get(id);
    }

    List<Task> tasksIn(Cluster c) {
        return tasks.values().stream().filter(t -> t.cluster == c).toList();
    }

    List<Task> tasksOf(Service s) {
        return tasks.values().stream().filter(t -> t.service == s).toList();
    }
}
