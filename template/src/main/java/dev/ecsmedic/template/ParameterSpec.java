package dev.ecsmedic.template;

import java.util.List;
import java.util.Optional;

/** A template parameter as declared, and the value it takes for the loaded stack (override, else default). */
public record ParameterSpec(String name, String type, Optional<String> defaultValue, List<String> allowedValues,
        String value) {
    public ParameterSpec {
        allowedValues = List.copyOf(allowedValues);
    }
}
