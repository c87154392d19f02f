package dev.ecsmedic.core.view;

/** ECS's status and type names read into the view's enums: an unknown name is the enum's own fallback. */
final class Names {

    private Names() {}

    /** The constant named {@code value}; {@code absent} when ECS gave no value, {@code unknown} for any other. */
    static <E extends Enum<E>> E of(Class<E> type, String value, E absent, E unknown) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant != unknown && constant.name().equals(value)) {
                return constant;
            }
        }
        return unknown;
    }
}
