package dev.ecsmedic.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The only time source of the simulated world, so a scenario replays identically and hours pass in milliseconds. */
public final class VirtualClock extends Clock {
    private volatile Instant now;

    public VirtualClock(Instant start) {
        this.now = start;
    }

    public static VirtualClock at(String isoInstant) {
        return new VirtualClock(Instant.parse(isoInstant));
    }

    public void advance(Duration step) {
        if (step.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + step);
        }
        now = now.plus(step);
    }

    public void set(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("time only moves forward: " + instant + " < " + now);
        }
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (!ZoneOffset.UTC.equals(zone)) {
            throw new UnsupportedOperationException("the virtual clock is UTC only");
        }
        return this;
    }
}
