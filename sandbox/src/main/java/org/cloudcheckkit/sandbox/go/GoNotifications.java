package org.cloudcheckkit.sandbox.go;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudcheckkit.sandbox.callback.Callback;
import org.cloudcheckkit.sandbox.callback.CallbackDispatcher;
import org.cloudcheckkit.sandbox.callback.CallbackKind;
import org.cloudcheckkit.sandbox.callback.QueryParameters;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/** Calls a Go request's notificationUrl with goApiReference, recipientToken and status (seed 000). */
final class GoNotifications {

    private final CallbackDispatcher dispatcher;
    private final WireVariants variants;

    GoNotifications(CallbackDispatcher dispatcher, WireVariants variants) {
        this.dispatcher = dispatcher;
        this.variants = variants;
    }

    /**
     * Under {@link WireVariant#UNKNOWN_WEBHOOK_TYPES} Opened is preceded by a notification of a status seed 000 does
     * not list; the recipient's status itself never takes it.
     */
    void statusChanged(GoRequest request, String recipientToken, RecipientStatus status) {
        String notificationUrl = request.settings().notificationUrl();
        if (notificationUrl == null) {
            return;
        }
        if (status == RecipientStatus.OPENED && variants.on(WireVariant.UNKNOWN_WEBHOOK_TYPES)) {
            notify(notificationUrl, request, recipientToken, WireVariant.UNKNOWN_GO_STATUS);
        }
        notify(notificationUrl, request, recipientToken, status.label());
    }

    private void notify(String notificationUrl, GoRequest request, String recipientToken, String status) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("goApiReference", request.goApiReference());
        parameters.put("recipientToken", recipientToken);
        parameters.put("status", status);
        dispatcher.dispatch(Callback.get(CallbackKind.GO_NOTIFICATION,
                URI.create(QueryParameters.append(notificationUrl, parameters))));
    }
}
