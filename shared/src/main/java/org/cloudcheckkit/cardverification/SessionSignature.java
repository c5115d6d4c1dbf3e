package org.cloudcheckkit.cardverification;

import java.nio.charset.StandardCharsets;

/**
 * The session signature of seed 003: HMAC-SHA1, keyed with the ControlKey, over the concatenation of accessToken,
 * consumer.device.serialNumber, endpointId, session.nonce, invoiceId and transaction.currency, in that order,
 * with no separators, encoded as UTF-8; upper-case hex.
 */
public final class SessionSignature {
    private SessionSignature() {
    }

    public static String compute(ControlKey key, String accessToken, String serialNumber, String endpointId, String nonce,
                                 String invoiceId, String currency) {
        return key.hmacSha1Hex(message(accessToken, serialNumber, endpointId, nonce, invoiceId, currency)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The signed text; it holds the access token, so it is for the signature and tests only, never a log. */
    static String message(String accessToken, String serialNumber, String endpointId, String nonce, String invoiceId,
                          String currency) {
        return accessToken + serialNumber + endpointId + nonce + invoiceId + currency;
    }
}
