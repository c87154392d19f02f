package dev.ecsmedic.core.event;

import java.util.Optional;

/**
 * Where an event says its resource is: the partition, region and account of one of its ARNs, or the envelope's
 * own {@code account} and {@code region}. Empty parts are not named. {@code what} says which field said so.
 */
public record Place(String what, String partition, String region, String account) {

    /** {@code arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE}; a bare name names no place. */
    public static Optional<Place> ofArn(String what, String arn) {
        if (arn == null || !arn.startsWith("arn:")) {
            return Optional.empty();
        }
        String[] parts = arn.split(":", 6);
        return parts.length < 6 ? Optional.of(new Place(what + " " + arn, "?", "?", "?"))
                : Optional.of(new Place(what + " " + arn, parts[1], parts[3], parts[4]));
    }
}
