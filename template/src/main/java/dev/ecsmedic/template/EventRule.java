package dev.ecsmedic.template;

/**
 * One EventBridge rule a function subscribes to (an {@code EventBridgeRule} event in template.yaml), with its
 * pattern fully resolved, as the JSON EventBridge would be given.
 */
public record EventRule(String name, String patternJson) {
}
