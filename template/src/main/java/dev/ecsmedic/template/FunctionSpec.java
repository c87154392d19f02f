package dev.ecsmedic.template;

import java.util.List;
import java.util.Map;

/**
 * An {@code AWS::Serverless::Function} after SAM's Globals merge and CloudFormation's intrinsic resolution: what
 * the deployed function would run with and which events would reach it.
 */
public record FunctionSpec(String logicalId, String handler, String codeUri, String buildMethod, String runtime,
        List<String> architectures, int timeoutSeconds, int memoryMb, Map<String, String> environment,
        List<EventRule> rules, List<ScheduleSpec> schedules) {
    public FunctionSpec {
        architectures = List.copyOf(architectures);
        environment = Map.copyOf(environment);
        rules = List.copyOf(rules);
        schedules = List.copyOf(schedules);
    }
}
