package org.cloudcheckkit.sandbox.akahu;

import java.net.URI;
import org.cloudcheckkit.sandbox.callback.AccountWebhooks;
import org.cloudcheckkit.sandbox.callback.Callback;
import org.cloudcheckkit.sandbox.callback.CallbackDispatcher;
import org.cloudcheckkit.sandbox.callback.CallbackKind;

/** The calls seed 002 describes: notificationUrl once on completion, webhookUrl on every change. */
final class AkahuNotifications {

    private final CallbackDispatcher dispatcher;
    private final AccountWebhooks accountWebhooks;

    AkahuNotifications(CallbackDispatcher dispatcher, AccountWebhooks accountWebhooks) {
        this.dispatcher = dispatcher;
        this.accountWebhooks = accountWebhooks;
    }

    /** The URL is called as given: the customer puts their own identifying parameter in it. */
    void finished(AkahuRequest request) {
        if (request.notificationUrl() != null) {
            dispatcher.dispatch(Callback.get(CallbackKind.AKAHU_NOTIFICATION, URI.create(request.notificationUrl())));
        }
    }

    void statusChanged(AkahuRequest request, String token) {
        if (request.webhookUrl() != null) {
            dispatcher.dispatch(Callback.postJson(CallbackKind.AKAHU_WEBHOOK, URI.create(request.webhookUrl()),
                    AccountWebhooks.payload("AKAHU", "STATUS_CHANGE", token)));
        }
    }

    void reviewed(String token) {
        accountWebhooks.sendIfConfigured("AKAHU", "REVIEW", token);
    }
}
