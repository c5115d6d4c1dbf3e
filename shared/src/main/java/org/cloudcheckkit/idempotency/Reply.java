package org.cloudcheckkit.idempotency;

/**
 * An answer to a front end (HTTP status, JSON body, and Retry-After seconds when trying again later may work), with
 * what a repeat of the same Idempotency-Key should get: the same answer ({@link Disposition#KEEP}), a fresh attempt
 * ({@link Disposition#FORGET}, when nothing happened), or a refusal ({@link Disposition#OUTCOME_UNKNOWN}, when
 * Cloudcheck may have acted and a repeat could bill twice).
 */
public record Reply(int status, String body, Disposition disposition, long retryAfterSeconds) {

    public enum Disposition { KEEP, FORGET, OUTCOME_UNKNOWN }

    public Reply(int status, String body, Disposition disposition) {
        this(status, body, disposition, 0);
    }

    public static Reply keep(int status, String body) {
        return new Reply(status, body, Disposition.KEEP);
    }

    public Reply withRetryAfter(long seconds) {
        return new Reply(status, body, disposition, seconds);
    }
}
