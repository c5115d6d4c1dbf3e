package org.cloudcheckkit.cloudcheck.akahu;

/** The answer to /akahu/initiate/: the token for the other Akahu calls and the URL to send the customer to. */
public record AkahuSession(String token, String url) {
}
