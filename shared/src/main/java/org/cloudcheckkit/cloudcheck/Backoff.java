package org.cloudcheckkit.cloudcheck;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: before attempt n+1, wait a random time between zero and
 * min(max, base * 2^(n-1)), so that many functions retrying at once do not arrive together.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;
    private final Sleeper sleeper;

    public Backoff(Duration base, Duration max, RandomGenerator random, Sleeper sleeper) {
        this.base = base;
        this.max = max;
        this.random = random;
        this.sleeper = sleeper;
    }

    /** The wait before the attempt after {@code attemptsMade}; a server's Retry-After is honoured when longer. */
    public Duration delayAfter(int attemptsMade, Duration retryAfter) {
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(attemptsMade - 1, 20));
        Duration jittered = Duration.ofMillis(random.nextLong(ceiling + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }

    void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while backing off", e);
        }
    }

    /** How backoff waits; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        static Sleeper threadSleep() {
            return duration -> Thread.sleep(duration.toMillis());
        }
    }
}
