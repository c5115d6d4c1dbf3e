package org.cloudcheckkit.cloudcheck;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * No usable answer: Cloudcheck could not be reached, answered 5xx or 429, or timed out on a call that is safe to
 * repeat, and the retries allowed by the deadline ran out. Trying again later is safe.
 */
public final class CloudcheckUnavailableException extends CloudcheckException {
    private final Duration retryAfter;

    public CloudcheckUnavailableException(String path, String message, Duration retryAfter, Throwable cause) {
        super(path, "UNAVAILABLE", message, List.of(), List.of(), cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
