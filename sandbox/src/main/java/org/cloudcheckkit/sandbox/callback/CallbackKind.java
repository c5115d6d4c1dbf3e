package org.cloudcheckkit.sandbox.callback;

/** Why the sandbox is calling out. */
public enum CallbackKind {
    /** Go notificationUrl, GET with goApiReference, recipientToken and status (seed 000). */
    GO_NOTIFICATION,
    /** Akahu notificationUrl, GET as given, once when the customer finishes (seed 002). */
    AKAHU_NOTIFICATION,
    /** Akahu webhookUrl, POST STATUS_CHANGE on every change (seed 002). */
    AKAHU_WEBHOOK,
    /** The account's webhook, POST {requestType, eventType, reference} (seed 001). */
    ACCOUNT_WEBHOOK
}
