package org.cloudcheckkit.api;

/** Whose a Go request, recipient, Akahu session, zip job or intent is: the principal's subject and tenant. */
public record Owner(String subject, String tenant) {
}
