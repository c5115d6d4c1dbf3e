package org.cloudcheckkit.sandbox.akahu;

import java.time.Instant;

/**
 * An Akahu request at one moment.
 *
 * @param completedAt when it left Pending; null before
 * @param disposed    whether the customer's details have been disposed of (7 days after completion)
 * @param review      the latest review, or null
 */
public record AkahuSnapshot(String token, String akahuReference, AkahuRequest request, AkahuStatus status,
                            Instant createdAt, Instant completedAt, boolean disposed, AkahuReview review) {
}
