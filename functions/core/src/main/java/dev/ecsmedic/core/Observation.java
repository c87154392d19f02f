package dev.ecsmedic.core;

import dev.ecsmedic.core.policy.Plan;
import dev.ecsmedic.core.policy.Remediation;
import dev.ecsmedic.core.policy.Settings;
import dev.ecsmedic.core.policy.Step;
import dev.ecsmedic.core.port.AwsFailure;
import dev.ecsmedic.core.port.LockEvidenceReads;
import dev.ecsmedic.core.port.Ports;
import dev.ecsmedic.core.view.ServiceView;
import dev.ecsmedic.core.view.TaskView;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one reconcile has read of a service so far. It makes the reads a policy's steps ask for, through the
 * ports, and nothing twice in one invocation: the tasks read for one remediation serve the next.
 */
final class Observation {

    private final Ports ports;
    private final ServiceView service;
    private final List<String> taskHints;
    private final Optional<Instant> execEnabledAt;
    private final List<String> notes = new ArrayList<>();
    private ServiceView withTasks;

    Observation(Ports ports, ServiceView service, List<String> taskHints, Optional<Instant> execEnabledAt) {
        this.ports = ports;
        this.service = service;
        this.taskHints = List.copyOf(taskHints);
        this.execEnabledAt = execEnabledAt;
    }

    /** Runs one remediation's policy to its decision, reading what each step asks for. */
    Plan plan(Remediation remediation, Settings settings, Instant now) {
        Step step = remediation.start().on(service, settings, now, execEnabledAt);
        while (!(step instanceof Step.Decided decided)) {
            step = next(step);
        }
        return decided.plan();
    }

    private Step next(Step step) {
        if (step instanceof Step.NeedsTasks tasks) {
            if (withTasks == null) {
                withTasks = ports.services().withTasks(service, taskHints);
            }
            return tasks.then().apply(withTasks);
        }
        if (step instanceof Step.NeedsEvidence proof) {
            LockEvidenceReads.Search search = ports.logs().find(proof.view(), proof.tasks(), proof.pattern());
            notes.addAll(search.notes());
            return proof.then().apply(search.evidence());
        }
        if (step instanceof Step.NeedsExecEnabledAt enabled) {
            return enabled.then().apply(keptEnablement(enabled.view()));
        }
        Step.NeedsExecFacts exec = (Step.NeedsExecFacts) step;
        return exec.then().apply(ports.execFacts().read(exec.view()));
    }

    /** The kept enablement time; one that cannot be read is a note, and the cool-down decides without it. */
    private Optional<Instant> keptEnablement(ServiceView view) {
        try {
            return ports.execEnablements().enabledAt(view.cluster(), view.service());
        } catch (AwsFailure e) {
            if (e.retryable()) {
                throw e;
            }
            notes.add("when exec was enabled could not be read: " + e.describe());
            return Optional.empty();
        }
    }

    /** Things learned while reading that the report should say (for example a log group not readable). */
    List<String> notes() {
        return List.copyOf(notes);
    }
}
