package org.cloudcheckkit.cloudcheck.go;

/** The {@code data} of /go/quicksend/: one recipient, sent at once (or only linked, with generateLink). */
public record QuickSendRequest(
        String reference,
        Name name,
        String emailAddress,
        String mobileNumber,
        Boolean generateLink,
        RequestTypes requestType,
        String completeUrl,
        String notificationUrl,
        String emailFrom,
        String replyTo,
        String emailSubject,
        String emailContent) {

    public QuickSendRequest withNotificationUrl(String url) {
        return new QuickSendRequest(reference, name, emailAddress, mobileNumber, generateLink, requestType, completeUrl,
                url, emailFrom, replyTo, emailSubject, emailContent);
    }

    public QuickSendRequest withCompleteUrl(String url) {
        return new QuickSendRequest(reference, name, emailAddress, mobileNumber, generateLink, requestType, url,
                notificationUrl, emailFrom, replyTo, emailSubject, emailContent);
    }
}
