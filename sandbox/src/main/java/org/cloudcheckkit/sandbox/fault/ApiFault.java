package org.cloudcheckkit.sandbox.fault;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure to inject into an API call instead of (or, for {@link Kind#TIMEOUT}, before) its normal answer.
 *
 * @param delay how long a TIMEOUT holds the call; zero for every other kind
 */
public record ApiFault(Kind kind, Duration delay) {

    public enum Kind {
        /** HTTP 500 with an HTML body, as a failing gateway would answer; the call is not processed. */
        HTTP_500,
        /** Waits {@link #delay()}, then processes and answers the call normally: the client has usually gone. */
        TIMEOUT,
        /** Reads the request, then closes the connection without answering; the call is not processed. */
        DROP_CONNECTION,
        /** Cloudcheck error 111 (HTTP 500); the call is not processed. */
        ERROR_111,
        /** Cloudcheck error 112 (HTTP 500); the call is not processed. */
        ERROR_112,
        /** Cloudcheck error 113 (HTTP 500); the call is not processed. */
        ERROR_113,
        /** HTTP 200 with a JSON error 111 where a PDF or zip was expected; only for document endpoints. */
        JSON_ERROR_INSTEAD_OF_BINARY
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    public ApiFault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(delay, "delay");
        if (kind == Kind.TIMEOUT && (delay.isNegative() || delay.isZero())) {
            throw new IllegalArgumentException("A TIMEOUT fault needs a positive delay");
        }
        if (kind != Kind.TIMEOUT && !delay.isZero()) {
            throw new IllegalArgumentException("Only a TIMEOUT fault has a delay");
        }
    }

    /** The fault of that kind; a TIMEOUT holds the call for {@link #DEFAULT_TIMEOUT}. */
    public static ApiFault of(Kind kind) {
        return new ApiFault(kind, kind == Kind.TIMEOUT ? DEFAULT_TIMEOUT : Duration.ZERO);
    }

    public static ApiFault timeout(Duration delay) {
        return new ApiFault(Kind.TIMEOUT, delay);
    }
}
