package dev.ecsmedic.core;

import dev.ecsmedic.core.event.Place;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The partition, region and account a function runs in, which every account, region and partition an event
 * names must match: a service's name is unique only within one cluster of one account and region. Lambda gives
 * the region in {@code AWS_REGION} and all three in the invoked function's ARN; a part not known is not compared.
 */
public record Home(String partition, String region, String account) {

    public static Home fromEnvironment(Map<String, String> env) {
        return new Home("", env.getOrDefault("AWS_REGION", "").trim(), "");
    }

    /** {@code arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]}; anything else leaves this home. */
    public Home withFunctionArn(String functionArn) {
        Optional<Place> place = Place.ofArn("function", functionArn);
        if (place.isEmpty() || "?".equals(place.get().account()) || place.get().account().isEmpty()) {
            return this;
        }
        return new Home(place.get().partition(), place.get().region(), place.get().account());
    }

    /** Why these places are not this home, or empty when every part they name matches. */
    Optional<String> elsewhere(List<Place> places) {
        for (Place place : places) {
            List<String> differ = new ArrayList<>();
            if ("?".equals(place.account())) {
                return Optional.of(place.what() + " is not a well-formed ARN; ecs-medic acts only on resources it"
                        + " can place in its own account and region");
            }
            compare("partition", place.partition(), partition, differ);
            compare("region", place.region(), region, differ);
            compare("account", place.account(), account, differ);
            if (!differ.isEmpty()) {
                return Optional.of(place.what() + " names " + String.join(", ", differ) + "; this function runs in "
                        + this + " and acts only on its own account's resources in its own region");
            }
        }
        return Optional.empty();
    }

    private static void compare(String part, String named, String own, List<String> differ) {
        if (!named.isEmpty() && !own.isEmpty() && !named.equals(own)) {
            differ.add(part + " " + named);
        }
    }

    @Override
    public String toString() {
        return "account " + (account.isEmpty() ? "?" : account) + ", region " + (region.isEmpty() ? "?" : region)
                + (partition.isEmpty() ? "" : ", partition " + partition);
    }
}
