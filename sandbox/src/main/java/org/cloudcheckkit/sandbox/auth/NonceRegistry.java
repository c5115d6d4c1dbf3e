package org.cloudcheckkit.sandbox.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers which nonces each key has used. A nonce only needs remembering while its timestamp would still pass the
 * age check: after that a replay fails with 103 anyway, so old entries are swept and memory stays bounded by the
 * request rate over the age window.
 */
public final class NonceRegistry {

    private static final long SWEEP_INTERVAL_MILLIS = 10_000;

    private record UsedNonce(String key, String nonce) {
    }

    private final long retentionMillis;
    private final Map<UsedNonce, Long> forgetAfter = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    public NonceRegistry(Duration maximumAge) {
        this.retentionMillis = maximumAge.toMillis();
    }

    /**
     * Records the nonce for the key; false when the key has already used it.
     *
     * @param timestampMillis the call's timestamp, already checked to be within the age window
     */
    public boolean register(String key, String nonce, long timestampMillis, long nowMillis) {
        sweepIfDue(nowMillis);
        return forgetAfter.putIfAbsent(new UsedNonce(key, nonce), timestampMillis + retentionMillis) == null;
    }

    public int size() {
        return forgetAfter.size();
    }

    public void clear() {
        forgetAfter.clear();
    }

    private void sweepIfDue(long nowMillis) {
        long due = nextSweep.get();
        if (nowMillis >= due && nextSweep.compareAndSet(due, nowMillis + SWEEP_INTERVAL_MILLIS)) {
            forgetAfter.values().removeIf(expiry -> expiry < nowMillis);
        }
    }
}
