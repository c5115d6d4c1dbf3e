package org.cloudcheckkit.sandbox.akahu;

import java.net.URI;
import java.util.Map;
import org.cloudcheckkit.sandbox.callback.AccountWebhooks;
import org.cloudcheckkit.sandbox.callback.Callback;
import org.cloudcheckkit.sandbox.callback.CallbackDispatcher;
import org.cloudcheckkit.sandbox.callback.CallbackKind;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/** The calls seed 002 describes: notificationUrl once on completion, webhookUrl on every change. */
final class AkahuNotifications {

    private final CallbackDispatcher dispatcher;
    private final AccountWebhooks accountWebhooks;
    private final WireVariants variants;

    AkahuNotifications(CallbackDispatcher dispatcher, AccountWebhooks accountWebhooks, WireVariants variants) {
        this.dispatcher = dispatcher;
        this.accountWebhooks = accountWebhooks;
        this.variants = variants;
    }

    /** The URL is called as given: the customer puts their own identifying parameter in it. */
    void finished(AkahuRequest request) {
        if (request.notificationUrl() != null) {
            dispatcher.dispatch(Callback.get(CallbackKind.AKAHU_NOTIFICATION, URI.create(request.notificationUrl())));
        }
    }

    /**
     * Under {@link WireVariant#UNKNOWN_WEBHOOK_TYPES} an event of a type seed 002 does not list goes first, and the
     * STATUS_CHANGE also carries the new {@code status}.
     */
    void statusChanged(AkahuRequest request, String token, AkahuStatus status) {
        if (request.webhookUrl() == null) {
            return;
        }
        URI url = URI.create(request.webhookUrl());
        if (variants.on(WireVariant.UNKNOWN_WEBHOOK_TYPES)) {
            webhook(url, accountWebhooks.payload("AKAHU", WireVariant.UNKNOWN_AKAHU_EVENT_TYPE, token, Map.of()));
        }
        webhook(url, accountWebhooks.payload("AKAHU", "STATUS_CHANGE", token, Map.of("status", status.label())));
    }

    private void webhook(URI url, String payload) {
        dispatcher.dispatch(Callback.postJson(CallbackKind.AKAHU_WEBHOOK, url, payload));
    }

    void reviewed(String token) {
        accountWebhooks.sendIfConfigured("AKAHU", "REVIEW", token);
    }
}
