package org.cloudcheckkit.cloudcheck.akahu;

/** The {@code data} of /akahu/review/; reviewDecision is APPROVED or REJECTED. */
public record AkahuReview(String akahuToken, String reviewDecision, String notes) {
}
