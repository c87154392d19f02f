package dev.ecsmedic.core.policy;

/** One readiness check (for example of ECS Exec on a task): its verdict, what was seen, and how to fix it. */
public record Check(String check, String target, Status status, String detail, String fix) {

    public enum Status { PASS, WARN, FAIL }
}
