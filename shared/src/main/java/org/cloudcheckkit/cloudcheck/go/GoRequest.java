package org.cloudcheckkit.cloudcheck.go;

import java.util.List;

/** The {@code data} of /go/create/: a Go request with up to 500 recipients. */
public record GoRequest(
        String reference,
        Boolean notifications,
        String notificationEmailAddress,
        Boolean sendReminders,
        String completeUrl,
        String notificationUrl,
        String emailFrom,
        String replyTo,
        String emailSubject,
        String emailContent,
        List<GoRecipient> recipients) {

    public GoRequest withNotificationUrl(String url) {
        return new GoRequest(reference, notifications, notificationEmailAddress, sendReminders, completeUrl, url,
                emailFrom, replyTo, emailSubject, emailContent, recipients);
    }

    public GoRequest withCompleteUrl(String url) {
        return new GoRequest(reference, notifications, notificationEmailAddress, sendReminders, url, notificationUrl,
                emailFrom, replyTo, emailSubject, emailContent, recipients);
    }
}
