package org.cloudcheckkit.sandbox.go;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudcheckkit.sandbox.callback.Callback;
import org.cloudcheckkit.sandbox.callback.CallbackDispatcher;
import org.cloudcheckkit.sandbox.callback.CallbackKind;
import org.cloudcheckkit.sandbox.callback.QueryParameters;

/** Calls a Go request's notificationUrl with goApiReference, recipientToken and status (seed 000). */
final class GoNotifications {

    private final CallbackDispatcher dispatcher;

    GoNotifications(CallbackDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    void statusChanged(GoRequest request, String recipientToken, RecipientStatus status) {
        String notificationUrl = request.settings().notificationUrl();
        if (notificationUrl == null) {
            return;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("goApiReference", request.goApiReference());
        parameters.put("recipientToken", recipientToken);
        parameters.put("status", status.label());
        dispatcher.dispatch(Callback.get(CallbackKind.GO_NOTIFICATION,
                URI.create(QueryParameters.append(notificationUrl, parameters))));
    }
}
