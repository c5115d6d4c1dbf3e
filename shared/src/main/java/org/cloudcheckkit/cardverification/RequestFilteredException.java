package org.cloudcheckkit.cardverification;

import java.time.Duration;
import java.util.Optional;

/**
 * The request is well formed but refused by policy (cause FILTERED): a deny list, access token bindings, or a session
 * limit. A session limit lifts by itself, so its refusal says when: {@link #retryAfter()}.
 */
public final class RequestFilteredException extends RuntimeException {
    public static final String DENIED_IP = "DENIED_IP";
    public static final String DENIED_DEVICE = "DENIED_DEVICE";
    public static final String TOKEN_NOT_BOUND_TO_DEVICE = "TOKEN_NOT_BOUND_TO_DEVICE";
    /** Token and serial number run together start with another bound token: see {@link TokenReadings}. */
    public static final String AMBIGUOUS_TOKEN = "AMBIGUOUS_TOKEN";
    public static final String DEVICE_SESSION_LIMIT = "DEVICE_SESSION_LIMIT";
    public static final String IP_SESSION_LIMIT = "IP_SESSION_LIMIT";

    private final String code;
    private final Duration retryAfter;

    public RequestFilteredException(String code, String message) {
        this(code, message, null);
    }

    /** @param retryAfter when the same request may succeed; null when waiting does not help */
    public RequestFilteredException(String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public String code() {
        return code;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
