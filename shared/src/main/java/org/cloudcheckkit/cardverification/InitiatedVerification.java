package org.cloudcheckkit.cardverification;

/** What the app gets back (seed 003's success response): the gateway endpoint, our invoice, the session. */
public record InitiatedVerification(String endpointId, String invoiceId, String nonce, String signature) {
}
