package dev.ecsmedic.testkit;

/** A scenario's judgement of a run: whether it met the expectation, an outcome word and why. */
public record Verdict(boolean passed, String outcome, String explanation) {
}
