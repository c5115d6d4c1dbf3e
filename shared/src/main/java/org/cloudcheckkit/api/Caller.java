package org.cloudcheckkit.api;

/**
 * Who is calling a front-end route: the principal (the JWT's {@code sub}; null where no authorizer runs) and the
 * Idempotency-Key the request carries, if any. Both are recorded with each billable call's intent.
 */
public record Caller(String principal, String idempotencyKey) {
    /** A call with no principal and no key (tests, tools). */
    public static final Caller ANONYMOUS = new Caller(null, null);
}
