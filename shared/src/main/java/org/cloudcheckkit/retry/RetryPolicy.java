package org.cloudcheckkit.retry;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How often to try and how long to wait in between, as data apart from whatever does the waiting: at most
 * {@code maxAttempts} attempts, the first included, and before attempt n+1 a wait drawn at random between zero and
 * min(max, base * 2^(n-1)) - exponential backoff with full jitter, so that many callers failing together do not come
 * back together. The Cloudcheck client sleeps through these waits within one call; work that is tried again later
 * (an item due again in a table) can take its due time from {@link #delayAfter} the same way.
 *
 * @param maxAttempts attempts in all, the first included
 * @param base        the ceiling of the first wait; it doubles with each attempt made
 * @param max         the largest ceiling
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration max) {

    public RetryPolicy {
        if (maxAttempts < 1 || base.isNegative() || max.isNegative()) {
            throw new IllegalArgumentException("a retry policy needs at least one attempt and no negative wait: "
                    + maxAttempts + " attempts, base " + base + ", max " + max);
        }
    }

    /** Whether the policy allows another attempt after {@code attemptsMade}. */
    public boolean allowsAnotherAfter(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /** The longest wait before the attempt after {@code attemptsMade} (one or more). */
    public Duration ceilingAfter(int attemptsMade) {
        return Duration.ofMillis(Math.min(max.toMillis(), base.toMillis() << Math.min(attemptsMade - 1, 20)));
    }

    /**
     * The wait before the attempt after {@code attemptsMade}: a random time up to {@link #ceilingAfter}, or the
     * server's {@code retryAfter} (null when it named none) when that is longer.
     */
    public Duration delayAfter(int attemptsMade, Duration retryAfter, RandomGenerator random) {
        Duration jittered = Duration.ofMillis(random.nextLong(ceilingAfter(attemptsMade).toMillis() + 1));
        return retryAfter != null && retryAfter.compareTo(jittered) > 0 ? retryAfter : jittered;
    }
}
