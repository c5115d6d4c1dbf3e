package org.cloudcheckkit.api;

/**
 * Who is calling a front-end route, and the Idempotency-Key its request carries, if any: recorded with each billable
 * call's intent, and checked against the owner of whatever the route acts on.
 */
public record Caller(Principal principal, String idempotencyKey) {

    /** The owner an item made for this caller records. */
    public Owner owner() {
        return principal == null ? null : principal.owner();
    }
}
