package dev.ecsmedic.testkit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The one exclusive lock per EFS file system and root directory that a single-writer process takes. NFS keeps a
 * released lock for a lease period, so a lock is free only once its release time has passed.
 */
final class EfsLocks {
    private record Holder(String taskId, Instant freeAt) {
    }

    private final Map<String, Holder> locks = new HashMap<>();

    static String key(String fileSystemId, String rootDirectory) {
        return fileSystemId + ":" + (rootDirectory == null || rootDirectory.isEmpty() ? "/" : rootDirectory);
    }

    boolean tryAcquire(String key, String taskId, Instant now) {
        Holder holder = locks.get(key);
        if (holder == null || holder.taskId.equals(taskId) || (holder.freeAt != null && !now.isBefore(holder.freeAt))) {
            locks.put(key, new Holder(taskId, null));
            return true;
        }
        return false;
    }

    void releaseAllOf(String taskId, Instant freeAt) {
        locks.replaceAll((k, h) -> h.taskId.equals(taskId) && h.freeAt == null ? new Holder(taskId, freeAt) : h);
    }

    String holder(String key, Instant now) {
        Holder holder = locks.get(key);
        if (holder == null || (holder.freeAt != null && !now.isBefore(holder.freeAt))) {
            return null;
        }
        return holder.taskId;
    }
}
