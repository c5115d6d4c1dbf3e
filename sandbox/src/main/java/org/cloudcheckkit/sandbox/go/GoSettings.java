package org.cloudcheckkit.sandbox.go;

import java.util.List;

/**
 * What a Go request asks of every recipient's journey.
 *
 * @param reference          null when none was given
 * @param completeUrl        where the customer goes after finishing; null for the sandbox's thank-you page
 * @param notificationUrl    called on every status change; null for none
 * @param missingEmailFields emailFrom, replyTo or emailSubject when not given: a recipient with an email address
 *                           cannot be added while any is missing
 */
record GoSettings(String reference, String completeUrl, String notificationUrl,
                         List<String> missingEmailFields) {

    public GoSettings {
        missingEmailFields = List.copyOf(missingEmailFields);
    }
}
