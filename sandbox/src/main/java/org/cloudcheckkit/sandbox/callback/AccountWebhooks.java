package org.cloudcheckkit.sandbox.callback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.Set;

/** The account-level webhook of seed 001: {@code {"requestType","eventType","reference"}} POSTed to one URL. */
public final class AccountWebhooks {

    public static final Set<String> REQUEST_TYPES = Set.of("VERIFICATION", "WATCHLIST_MONITORING", "CAPTURE", "IDSCAN",
            "AKAHU", "CREDFIN", "DOCUMENT_CHECK");
    public static final Set<String> EVENT_TYPES = Set.of("PEP_MATCH_REVIEW", "REVIEW", "STATUS_CHANGE");

    private final CallbackDispatcher dispatcher;
    private final URI configuredUrl;
    private volatile URI url;

    /** @param configuredUrl the webhook URL the sandbox starts with, or null for none */
    public AccountWebhooks(CallbackDispatcher dispatcher, URI configuredUrl) {
        this.dispatcher = dispatcher;
        this.configuredUrl = configuredUrl;
        this.url = configuredUrl;
    }

    /** @throws IllegalStateException when no webhook URL is configured */
    public void send(String requestType, String eventType, String reference) {
        URI target = url;
        if (target == null) {
            throw new IllegalStateException("No account webhook URL is configured");
        }
        send(target, requestType, eventType, reference);
    }

    /** For events that Cloudcheck reports to the webhook only where one is configured, such as reviews. */
    public void sendIfConfigured(String requestType, String eventType, String reference) {
        URI target = url;
        if (target != null) {
            send(target, requestType, eventType, reference);
        }
    }

    private void send(URI target, String requestType, String eventType, String reference) {
        if (!REQUEST_TYPES.contains(requestType)) {
            throw new IllegalArgumentException("requestType must be one of " + REQUEST_TYPES);
        }
        if (!EVENT_TYPES.contains(eventType)) {
            throw new IllegalArgumentException("eventType must be one of " + EVENT_TYPES);
        }
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("reference must not be blank");
        }
        dispatcher.dispatch(Callback.postJson(CallbackKind.ACCOUNT_WEBHOOK, target, payload(requestType, eventType,
                reference)));
    }

    /** Null while none is configured. */
    public URI url() {
        return url;
    }

    /** @param newUrl an http(s) URL, or null to stop sending */
    public void url(URI newUrl) {
        if (newUrl != null && !("http".equals(newUrl.getScheme()) || "https".equals(newUrl.getScheme()))) {
            throw new IllegalArgumentException("The account webhook URL must be http:// or https://");
        }
        this.url = newUrl;
    }

    public void reset() {
        url = configuredUrl;
    }

    /** The webhook body of seed 001; Akahu's webhookUrl receives the same shape (seed 002). */
    public static String payload(String requestType, String eventType, String reference) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("requestType", requestType)
                .put("eventType", eventType)
                .put("reference", reference);
        return payload.toString();
    }
}
