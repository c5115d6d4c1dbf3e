package org.cloudcheckkit.sandbox.akahu;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What an initiate call asked for.
 *
 * @param name    the name to verify as given, or null
 * @param address the address to verify as given, or null
 */
public record AkahuRequest(String callback, String reference, String notificationUrl, String webhookUrl,
                           ObjectNode name, ObjectNode address, String verificationReference) {

    public AkahuRequest {
        name = name == null ? null : name.deepCopy();
        address = address == null ? null : address.deepCopy();
    }
}
