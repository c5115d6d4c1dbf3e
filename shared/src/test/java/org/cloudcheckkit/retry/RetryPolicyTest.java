package org.cloudcheckkit.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Exponential backoff with full jitter: ceilings double up to the max, waits spread below them, and a server's
 * Retry-After wins when it is longer.
 */
class RetryPolicyTest {
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(5));

    /** Always draws the largest value allowed, so that a delay shows its ceiling. */
    private static final RandomGenerator HIGHEST = new RandomGenerator() {
        @Override
        public long nextLong() {
            return Long.MAX_VALUE;
        }

        @Override
        public long nextLong(long bound) {
            return bound - 1;
        }
    };

    @Test
    void theLongestDelayDoublesWithEachAttemptUpToTheMax() {
        List<Long> longest = IntStream.rangeClosed(1, 8)
                .mapToObj(attemptsMade -> policy.delayAfter(attemptsMade, null, HIGHEST).toMillis())
                .toList();

        assertEquals(List.of(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L, 5000L), longest);
    }

    @Test
    void delaysAreSpreadFromZeroToTheCeiling() {
        SplittableRandom random = new SplittableRandom(42);
        for (int attemptsMade = 1; attemptsMade <= 7; attemptsMade++) {
            int n = attemptsMade;
            long ceiling = policy.ceilingAfter(n).toMillis();
            LongSummaryStatistics delays = LongStream.range(0, 2_000)
                    .map(draw -> policy.delayAfter(n, null, random).toMillis())
                    .summaryStatistics();

            assertTrue(delays.getMin() >= 0 && delays.getMax() <= ceiling, "after " + n + ": " + delays);
            assertTrue(delays.getMin() < ceiling / 10 && delays.getMax() > ceiling * 9 / 10,
                    "full jitter uses the whole range after " + n + ": " + delays);
        }
    }

    @Test
    void aLongerRetryAfterIsHonouredEvenPastTheMax() {
        assertEquals(Duration.ofSeconds(30), policy.delayAfter(1, Duration.ofSeconds(30), HIGHEST));
    }

    @Test
    void aShorterRetryAfterLeavesTheJitteredDelay() {
        assertEquals(Duration.ofMillis(800), policy.delayAfter(3, Duration.ofMillis(100), HIGHEST));
    }

    @Test
    void anotherAttemptIsAllowedUntilMaxAttemptsAreMade() {
        assertTrue(policy.allowsAnotherAfter(1));
        assertTrue(policy.allowsAnotherAfter(3));
        assertFalse(policy.allowsAnotherAfter(4));
    }

    @Test
    void aPolicyWithoutAnAttemptOrWithANegativeWaitIsRefused() {
        Duration second = Duration.ofSeconds(1);
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, second, second));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(4, Duration.ofMillis(-1), second));
    }
}
