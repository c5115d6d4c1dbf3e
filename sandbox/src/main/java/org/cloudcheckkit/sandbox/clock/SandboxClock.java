package org.cloudcheckkit.sandbox.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's two clocks. The request clock checks timestamps (error 103) and should agree with the clients' clocks;
 * the simulation clock runs the sandbox's world (job delays, Akahu expiry and disposal, status dates) and is the request
 * clock plus an offset that tests advance. Advancing moves only the simulation clock, so a client keeps authenticating
 * after a test skips days ahead.
 */
public final class SandboxClock {

    private final Clock requestClock;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Clock simulationClock;

    public SandboxClock(Clock requestClock) {
        this.requestClock = Objects.requireNonNull(requestClock);
        this.simulationClock = new OffsetClock(requestClock, offset);
    }

    public Clock requestClock() {
        return requestClock;
    }

    public Clock simulationClock() {
        return simulationClock;
    }

    /** Moves the simulation clock forward and answers its new time. */
    public Instant advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("The clock only moves forward");
        }
        offset.accumulateAndGet(amount, Duration::plus);
        return simulationClock.instant();
    }

    public Duration offset() {
        return offset.get();
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    /** Reads the offset on every call, so every holder of the clock sees advances at once. */
    private static final class OffsetClock extends Clock {
        private final Clock base;
        private final AtomicReference<Duration> offset;

        private OffsetClock(Clock base, AtomicReference<Duration> offset) {
            this.base = base;
            this.offset = offset;
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new OffsetClock(base.withZone(zone), offset);
        }

        @Override
        public Instant instant() {
            return base.instant().plus(offset.get());
        }
    }
}
