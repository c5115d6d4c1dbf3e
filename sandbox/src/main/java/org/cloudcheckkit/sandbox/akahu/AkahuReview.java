package org.cloudcheckkit.sandbox.akahu;

import java.time.Instant;

/** A review made with /akahu/review/. */
public record AkahuReview(String decision, String notes, Instant reviewedAt) {
}
