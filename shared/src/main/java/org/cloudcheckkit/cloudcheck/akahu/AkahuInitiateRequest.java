package org.cloudcheckkit.cloudcheck.akahu;

import org.cloudcheckkit.cloudcheck.go.Address;
import org.cloudcheckkit.cloudcheck.go.Name;

/** The {@code data} of /akahu/initiate/. Only {@code callback} is required; name and address are verified when given. */
public record AkahuInitiateRequest(
        String callback,
        String reference,
        String notificationUrl,
        String webhookUrl,
        Name name,
        Address address,
        String verificationReference) {

    public AkahuInitiateRequest withCallbacks(String callbackUrl, String notification, String webhook) {
        return new AkahuInitiateRequest(callbackUrl, reference, notification, webhook, name, address, verificationReference);
    }
}
