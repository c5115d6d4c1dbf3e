package org.cloudcheckkit.idempotency;

/** A request's Idempotency-Key cannot be honoured: reused for another body, in use, or with an unknown outcome. */
public final class IdempotencyConflictException extends RuntimeException {

    public enum Reason {
        /** The key was first used with a different request body. */
        DIFFERENT_REQUEST,
        /** The first request with this key is still being served. */
        IN_PROGRESS,
        /** The first request reached Cloudcheck but its answer was lost; repeating it could act twice. */
        OUTCOME_UNKNOWN
    }

    private final Reason reason;

    public IdempotencyConflictException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
