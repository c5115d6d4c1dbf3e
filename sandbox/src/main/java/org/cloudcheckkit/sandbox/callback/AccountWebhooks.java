package org.cloudcheckkit.sandbox.callback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.cloudcheckkit.sandbox.variant.WireVariant;
import org.cloudcheckkit.sandbox.variant.WireVariants;

/**
 * The account-level webhook of seed 001: {@code {"requestType","eventType","reference"}} POSTed to one URL. Also
 * makes the payloads of Akahu's webhookUrl (seed 002), which share the shape.
 */
public final class AccountWebhooks {

    public static final Set<String> REQUEST_TYPES = Set.of("VERIFICATION", "WATCHLIST_MONITORING", "CAPTURE", "IDSCAN",
            "AKAHU", "CREDFIN", "DOCUMENT_CHECK");
    public static final Set<String> EVENT_TYPES = Set.of("PEP_MATCH_REVIEW", "REVIEW", "STATUS_CHANGE");

    private final CallbackDispatcher dispatcher;
    private final URI configuredUrl;
    private final WireVariants variants;
    private final Clock clock;
    private volatile URI url;

    /**
     * @param configuredUrl   the webhook URL the sandbox starts with, or null for none
     * @param simulationClock dates the payloads' extra fields under {@link WireVariant#UNKNOWN_WEBHOOK_TYPES}
     */
    public AccountWebhooks(CallbackDispatcher dispatcher, URI configuredUrl, WireVariants variants,
                           Clock simulationClock) {
        this.dispatcher = dispatcher;
        this.configuredUrl = configuredUrl;
        this.variants = variants;
        this.clock = simulationClock;
        this.url = configuredUrl;
    }

    /**
     * Sends what the caller asks for. Types outside seed 001's lists are refused, unless
     * {@link WireVariant#UNKNOWN_WEBHOOK_TYPES} is on: the seed says more may come.
     *
     * @throws IllegalStateException when no webhook URL is configured
     */
    public void send(String requestType, String eventType, String reference) {
        URI target = url;
        if (target == null) {
            throw new IllegalStateException("No account webhook URL is configured");
        }
        if (!variants.on(WireVariant.UNKNOWN_WEBHOOK_TYPES)) {
            if (!REQUEST_TYPES.contains(requestType)) {
                throw new IllegalArgumentException("requestType must be one of " + REQUEST_TYPES);
            }
            if (!EVENT_TYPES.contains(eventType)) {
                throw new IllegalArgumentException("eventType must be one of " + EVENT_TYPES);
            }
        }
        if (reference == null || reference.isBlank()) {
            throw new IllegalArgumentException("reference must not be blank");
        }
        post(target, requestType, eventType, reference);
    }

    /**
     * For events that Cloudcheck reports to the webhook only where one is configured, such as reviews. Under
     * {@link WireVariant#UNKNOWN_WEBHOOK_TYPES} two webhooks of types not in seed 001's lists go first: the same
     * requestType with another eventType, and another requestType about something this account never asked for.
     */
    public void sendIfConfigured(String requestType, String eventType, String reference) {
        URI target = url;
        if (target == null) {
            return;
        }
        if (variants.on(WireVariant.UNKNOWN_WEBHOOK_TYPES)) {
            post(target, requestType, WireVariant.UNKNOWN_ACCOUNT_EVENT_TYPE, reference);
            post(target, WireVariant.UNKNOWN_REQUEST_TYPE, eventType, UUID.randomUUID().toString());
        }
        post(target, requestType, eventType, reference);
    }

    private void post(URI target, String requestType, String eventType, String reference) {
        dispatcher.dispatch(Callback.postJson(CallbackKind.ACCOUNT_WEBHOOK, target,
                payload(requestType, eventType, reference, Map.of())));
    }

    /**
     * The webhook body of seed 001, which Akahu's webhookUrl shares (seed 002), with {@code more} fields after it.
     * Under {@link WireVariant#UNKNOWN_WEBHOOK_TYPES} every payload also has {@code eventId} and {@code createdAt},
     * and {@code more}; otherwise exactly the three fields.
     */
    public String payload(String requestType, String eventType, String reference, Map<String, String> more) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode()
                .put("requestType", requestType)
                .put("eventType", eventType)
                .put("reference", reference);
        if (variants.on(WireVariant.UNKNOWN_WEBHOOK_TYPES)) {
            payload.put("eventId", UUID.randomUUID().toString())
                    .put("createdAt", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            more.forEach(payload::put);
        }
        return payload.toString();
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
}
