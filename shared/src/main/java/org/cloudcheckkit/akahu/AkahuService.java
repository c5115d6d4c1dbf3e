package org.cloudcheckkit.akahu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import org.cloudcheckkit.api.Access;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.callbacks.CallbackTokens;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.CloudcheckProtocolException;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.cloudcheck.akahu.AkahuResult;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReview;
import org.cloudcheckkit.cloudcheck.akahu.AkahuReviewed;
import org.cloudcheckkit.cloudcheck.akahu.AkahuSession;
import org.cloudcheckkit.intents.WriteAhead;
import org.cloudcheckkit.table.AkahuSessionItem;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.Events;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;
import org.cloudcheckkit.table.RecordedEvent;

/**
 * The Akahu routes' logic: initiate with our own notification and webhook URLs, keep the token, and read results
 * and reviews for sessions this service started. An initiate is written ahead as an intent keyed by the callback id
 * its URLs carry, so a session whose answer was lost is adopted when its webhook arrives.
 */
public final class AkahuService {
    private final CloudcheckClient cloudcheck;
    private final Access access;
    private final AkahuSessions store;
    private final Intents intents;
    private final WriteAhead writeAhead;
    private final CallbackTokens callbacks;
    private final Events events;
    private final Clock clock;
    private final ObjectMapper json;

    public AkahuService(CloudcheckClient cloudcheck, Access access, AkahuSessions store, Intents intents,
                        WriteAhead writeAhead, CallbackTokens callbacks, Events events, Clock clock, ObjectMapper json) {
        this.cloudcheck = cloudcheck;
        this.access = access;
        this.store = store;
        this.intents = intents;
        this.writeAhead = writeAhead;
        this.callbacks = callbacks;
        this.events = events;
        this.clock = clock;
        this.json = json;
    }

    /** Initiated session: its token, the URL to send the customer to, and the caller's reference. */
    public record Initiated(String token, String url, String reference) {
    }

    public Initiated initiate(AkahuInitiateRequest request, Caller caller, String callbackBaseUrl, Deadline deadline) {
        String callbackId = callbacks.newCallbackId();
        String ours = callbacks.callbackUrl(callbackBaseUrl, CallbackKind.AKAHU, callbackId);
        IntentItem intent = intents.open(IntentItem.Operation.AKAHU_INITIATE, callbackId, caller.owner(),
                caller.idempotencyKey(), request.reference());
        // One URL for both: a GET is the notification, a POST with a JSON body the webhook.
        AkahuSession session = writeAhead.call(intent,
                () -> cloudcheck.akahu().initiate(request.withCallbacks(request.callback(), ours, ours), deadline));
        writeAhead.record(intent, new Intents.Outcome(null, null, session.token()),
                () -> store.record(intent, session.token(), IntentItem.State.COMPLETED));
        return new Initiated(session.token(), session.url(), request.reference());
    }

    /** /akahu/result/ exactly as Cloudcheck sent it, plus {@code history} and {@code archive} from this service. */
    public ObjectNode result(String token, Caller caller, Deadline deadline) {
        AkahuSessionItem session = requireSession(token, caller);
        AkahuResult result = cloudcheck.akahu().result(token, deadline);
        ObjectNode body;
        try {
            body = (ObjectNode) json.readTree(result.rawJson());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new CloudcheckProtocolException("/akahu/result/", "answer is not a JSON object", e);
        }
        body.set("history", json.valueToTree(session.result().history()));
        if (session.result().archive() != null) { // absent until archiving starts, as in a Go request's view
            body.set("archive", json.valueToTree(session.result().archive()));
        }
        return body;
    }

    /**
     * Records a review with Cloudcheck, then queues the session's result to be fetched again: the reviewed result is
     * archived as a new version beside the one from before the review.
     */
    public AkahuReviewed review(AkahuReview review, Caller caller, Deadline deadline) {
        AkahuSessionItem session = requireSession(review.akahuToken(), caller);
        AkahuReviewed reviewed = cloudcheck.akahu().review(review, deadline);
        events.record(new RecordedEvent.AkahuReviewed(session.callbackId(), clock.instant()));
        return reviewed;
    }

    /** The session, when the caller may act on it; else not found - and no Cloudcheck call is made. */
    private AkahuSessionItem requireSession(String token, Caller caller) {
        AkahuSessionItem session = store.findByToken(token).orElse(null);
        access.require(caller.principal(), session == null ? null : session.owner(), "AKAHU_SESSION_NOT_FOUND",
                "no Akahu session " + token + " was started through this service");
        return session;
    }
}
