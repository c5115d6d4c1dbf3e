package org.cloudcheckkit.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.cloudcheckkit.cloudcheck.go.RecipientStatus;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.table.AkahuSessionItem;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.Events;
import org.cloudcheckkit.table.GoRequestItem;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.RecordedEvent;
import org.cloudcheckkit.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives what Cloudcheck sends us: Go notifications, Akahu notifications and webhooks, and account webhooks.
 * Cloudcheck signs none of them and retries none of them, so each is authenticated by the token in its URL, checked,
 * and recorded once - then answered at once. What it says is only a hint: the processor fetches the real state.
 */
public final class CallbackReceipt {
    private static final Logger log = LoggerFactory.getLogger(CallbackReceipt.class);
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Set<String> REQUEST_TYPES = Set.of("VERIFICATION", "WATCHLIST_MONITORING", "CAPTURE", "IDSCAN",
            "AKAHU", "CREDFIN", "DOCUMENT_CHECK");
    private static final Set<String> EVENT_TYPES = Set.of("PEP_MATCH_REVIEW", "REVIEW", "STATUS_CHANGE");
    /** What a request or event type, or a status, may look like: known or not, it is recorded if it looks like one. */
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern STATUS = Pattern.compile("[A-Za-z0-9 _-]{1,64}");
    /** A webhook's body is kept on its event up to this size: new fields are recorded, not dropped. */
    private static final int MAX_RAW_PAYLOAD = 8 * 1024;
    private static final int MAX_REFERENCES = 20;

    private final CallbackTokens tokens;
    private final Events events;
    private final GoRequests goRequests;
    private final AkahuSessions sessions;
    private final Intents intents;
    private final ObjectMapper json;
    private final Clock clock;
    private final CrashPoints crashPoints;
    private final Metrics metrics;

    public CallbackReceipt(CallbackTokens tokens, Events events, GoRequests goRequests, AkahuSessions sessions,
                           Intents intents, ObjectMapper json, Clock clock, CrashPoints crashPoints, Metrics metrics) {
        this.tokens = tokens;
        this.events = events;
        this.goRequests = goRequests;
        this.sessions = sessions;
        this.intents = intents;
        this.json = json;
        this.clock = clock;
        this.crashPoints = crashPoints;
        this.metrics = metrics;
    }

    /** What was done with a call: recorded, or already recorded before. */
    public record Receipt(boolean duplicate) {
    }

    /** /callbacks/go: {@code cid} and {@code t} are ours; goApiReference, recipientToken and status are Cloudcheck's. */
    public Receipt go(Map<String, String> parameters) {
        String callbackId = authenticate(CallbackKind.GO, parameters);
        String goApiReference = identifier(parameters, "goApiReference");
        String recipientToken = identifier(parameters, "recipientToken");
        String status = parameters.get("status");
        if (status == null || !STATUS.matcher(status).matches()) {
            throw ValidationException.of("query:status", "GO_STATUS", "status must be 1 to 64 letters, digits or spaces");
        }
        if (RecipientStatus.fromWire(status).isEmpty()) {
            // A status added since: recorded all the same - the result is fetched, and the status is only a hint.
            metrics.count(Metric.UNKNOWN_STATUSES, 1);
            log.warn("Go callback with a status this service does not know: '{}'; recorded", status);
        }
        requireGoBinding(callbackId, goApiReference, recipientToken);
        crashPoints.reach(CrashPoint.CALLBACK_AUTHENTICATED);
        return record(new RecordedEvent.GoCallback(goApiReference, recipientToken, status, callbackId, clock.instant()));
    }

    /**
     * A Go callback URL is good only for what it was issued for: the request made with its callback id, and a recipient
     * on that request's roster - or, while an add-recipient's answer is unknown, one Cloudcheck will be asked about.
     * A request not recorded yet is accepted only while the intent that carried this callback id is open (its answer
     * was lost; the callback adopts it). Anything else is refused before it is written or costs a Cloudcheck call.
     */
    private void requireGoBinding(String callbackId, String goApiReference, String recipientToken) {
        if (goRequests.knownBinding(goApiReference, callbackId, recipientToken)) {
            // A burst names the same few requests again and again: a binding read once is not read again.
            return;
        }
        GoRequestItem request = goRequests.find(goApiReference).orElse(null);
        if (request == null) {
            boolean adoptable = intents.findByCallbackId(callbackId).filter(IntentItem::isOpen)
                    .filter(intent -> intent.operation() == IntentItem.Operation.GO_CREATE
                            || intent.operation() == IntentItem.Operation.GO_QUICKSEND).isPresent();
            if (!adoptable) {
                throw rejected(403, CallbackKind.GO.path(), "the callback URL was not issued for this request");
            }
            return;
        }
        if (!request.callbackId().equals(callbackId)) {
            throw rejected(403, CallbackKind.GO.path(), "the callback URL of another request");
        }
        if (!request.roster().containsKey(recipientToken) && intents.openForRequest(goApiReference).isEmpty()) {
            throw rejected(403, CallbackKind.GO.path(), "a recipient that is not on the request");
        }
    }

    /** /callbacks/akahu: a notification (no JSON body) or a webhook ({@code {"requestType","eventType","reference"}}). */
    public Receipt akahu(Map<String, String> parameters, String body) {
        String callbackId = authenticate(CallbackKind.AKAHU, parameters);
        WebhookPayload payload = body == null || body.isBlank() ? null : payload(body);
        requireAkahuBinding(callbackId, payload == null ? List.of() : payload.references());
        crashPoints.reach(CrashPoint.CALLBACK_AUTHENTICATED);
        if (payload == null) {
            return record(new RecordedEvent.AkahuNotification(callbackId, clock.instant()));
        }
        return record(new RecordedEvent.AkahuWebhook(callbackId, payload.eventType(), payload.references(), payload.raw(),
                clock.instant()));
    }

    /**
     * An Akahu callback URL is good only for its own session, and a webhook through it only names that session's
     * token. A session not recorded yet is accepted only while its initiate's intent is open (the webhook, naming its
     * one token, adopts it).
     */
    private void requireAkahuBinding(String callbackId, List<String> references) {
        AkahuSessionItem session = sessions.findByCallbackId(callbackId).orElse(null);
        if (session != null) {
            if (!references.stream().allMatch(session.akahuToken()::equals)) {
                throw rejected(403, CallbackKind.AKAHU.path(), "a webhook naming another session");
            }
            return;
        }
        boolean adoptable = intents.findByCallbackId(callbackId).filter(IntentItem::isOpen)
                .filter(intent -> intent.operation() == IntentItem.Operation.AKAHU_INITIATE).isPresent();
        if (!adoptable || references.size() > 1) {
            throw rejected(403, CallbackKind.AKAHU.path(), "the callback URL was not issued for a session");
        }
    }

    /**
     * /webhooks/cloudcheck: the account webhook, authenticated by the secret token in its URL. An Akahu reference is
     * recorded against its session (so its result is fetched again); every other kind is recorded for the operator.
     */
    public Receipt accountWebhook(String token, String body) {
        if (token == null || token.isEmpty()) {
            throw rejected(401, "/webhooks/cloudcheck", "no token");
        }
        if (!tokens.verifyWebhookToken(token)) {
            throw rejected(403, "/webhooks/cloudcheck", "wrong token");
        }
        crashPoints.reach(CrashPoint.CALLBACK_AUTHENTICATED);
        WebhookPayload payload = payload(body);
        boolean duplicate = true;
        Instant now = clock.instant();
        for (String reference : payload.references()) {
            // A reference may name a session or a recipient of ours, whatever the type says: its result is refreshed.
            RecordedEvent.Subject subject = sessions.findByToken(reference)
                    .map(session -> RecordedEvent.Subject.akahu(session.callbackId()))
                    .or(() -> goRequests.recipientByToken(reference)
                            .map(recipient -> RecordedEvent.Subject.go(((ItemKey.Recipient) recipient.key()).goApiReference(),
                                    reference)))
                    .orElse(RecordedEvent.Subject.NONE);
            duplicate &= record(new RecordedEvent.AccountWebhook(payload.requestType(), payload.eventType(), reference,
                    subject, payload.raw(), now)).duplicate();
        }
        return new Receipt(duplicate);
    }

    private String authenticate(CallbackKind kind, Map<String, String> parameters) {
        String callbackId = parameters.get("cid");
        String token = parameters.get("t");
        if (callbackId == null || token == null || callbackId.isEmpty() || token.isEmpty()) {
            throw rejected(401, kind.path(), "no callback token");
        }
        if (!tokens.verify(kind, callbackId, token)) {
            throw rejected(403, kind.path(), "wrong callback token");
        }
        return callbackId;
    }

    private CallbackRejectedException rejected(int status, String path, String reason) {
        // The attempt is logged and counted; the token it carried is not logged.
        metrics.count(Metric.CALLBACKS_REFUSED, 1);
        log.warn("rejected call to {}: {}", path, reason);
        return new CallbackRejectedException(status, reason);
    }

    /** A webhook's payload as read: its types, its references, and the body itself, kept whole (within a bound). */
    private record WebhookPayload(String requestType, String eventType, List<String> references, String raw) {
    }

    /**
     * Reads a webhook body. Seed 002 says new event types and fields may be added: a type this service does not know
     * is accepted, recorded and counted (UnknownEventTypes), never refused - Cloudcheck would only log a refusal,
     * and the event would be lost. Only what cannot be an event is refused: not JSON, no type, no reference.
     */
    private WebhookPayload payload(String body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw ValidationException.of("", "MALFORMED_JSON", "the body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ValidationException.of("", "TYPE", "the body must be a JSON object");
        }
        String requestType = root.path("requestType").asText("");
        String eventType = root.path("eventType").asText("");
        List<String> problems = new ArrayList<>();
        if (!TYPE.matcher(requestType).matches()) {
            problems.add("requestType");
        }
        if (!TYPE.matcher(eventType).matches()) {
            problems.add("eventType");
        }
        List<String> references = new ArrayList<>();
        for (String part : root.path("reference").asText("").split(",")) {
            if (!part.isBlank()) {
                references.add(part.strip());
            }
        }
        if (references.isEmpty() || references.size() > MAX_REFERENCES
                || !references.stream().allMatch(reference -> IDENTIFIER.matcher(reference).matches())) {
            problems.add("reference");
        }
        if (!problems.isEmpty()) {
            throw ValidationException.of(problems.get(0), "WEBHOOK_PAYLOAD", "requestType and eventType must be 1 to 64 "
                    + "letters, digits or _.-, and reference 1 to " + MAX_REFERENCES + " comma-separated references or tokens");
        }
        if (!REQUEST_TYPES.contains(requestType) || !EVENT_TYPES.contains(eventType)) {
            metrics.count(Metric.UNKNOWN_EVENT_TYPES, 1);
            log.warn("webhook of a type this service does not know ({} / {}): recorded", requestType, eventType);
        }
        return new WebhookPayload(requestType, eventType, references,
                body.length() > MAX_RAW_PAYLOAD ? body.substring(0, MAX_RAW_PAYLOAD) : body);
    }

    private static String identifier(Map<String, String> parameters, String name) {
        String value = parameters.get(name);
        if (value == null || !IDENTIFIER.matcher(value).matches()) {
            throw ValidationException.of("query:" + name, "IDENTIFIER", name + " must be 1 to 128 letters, digits or ._:-");
        }
        return value;
    }

    private Receipt record(RecordedEvent event) {
        Receipt receipt = new Receipt(!events.record(event));
        crashPoints.reach(CrashPoint.CALLBACK_RECORDED);
        return receipt;
    }
}
