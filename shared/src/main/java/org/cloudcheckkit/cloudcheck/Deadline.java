package org.cloudcheckkit.cloudcheck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** The moment by which a call must be finished, usually the Lambda's remaining time less a margin. */
public final class Deadline {
    private final Clock clock;
    private final Instant at;

    private Deadline(Clock clock, Instant at) {
        this.clock = clock;
        this.at = at;
    }

    public static Deadline after(Duration duration, Clock clock) {
        return new Deadline(clock, clock.instant().plus(duration));
    }

    public Duration remaining() {
        Duration left = Duration.between(clock.instant(), at);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public boolean allows(Duration wait) {
        return remaining().compareTo(wait) > 0;
    }

    @Override
    public String toString() {
        return "Deadline[" + at + "]";
    }
}
