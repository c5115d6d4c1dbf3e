package org.cloudcheckkit.cloudcheck.akahu;

/** The answer to /akahu/review/. */
public record AkahuReviewed(String akahuToken, String result) {
}
