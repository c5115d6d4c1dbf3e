package org.cloudcheckkit.akahu;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cloudcheckkit.api.NotFoundException;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Akahu routes' logic: initiate with our own notification and webhook URLs, keep the token, and read results
 * and reviews for sessions this service started.
 */
public final class AkahuService {
    private static final Logger log = LoggerFactory.getLogger(AkahuService.class);

    private final CloudcheckClient cloudcheck;
    private final AkahuSessionStore store;
    private final CallbackTokens callbacks;
    private final ObjectMapper json;

    public AkahuService(CloudcheckClient cloudcheck, AkahuSessionStore store, CallbackTokens callbacks, ObjectMapper json) {
        this.cloudcheck = cloudcheck;
        this.store = store;
        this.callbacks = callbacks;
        this.json = json;
    }

    /** Initiated session: its token, the URL to send the customer to, and the caller's reference. */
    public record Initiated(String token, String url, String reference) {
    }

    public Initiated initiate(AkahuInitiateRequest request, String callbackBaseUrl, Deadline deadline) {
        String callbackId = callbacks.newCallbackId();
        String ours = callbacks.callbackUrl(callbackBaseUrl, CallbackKind.AKAHU, callbackId);
        // One URL for both: a GET is the notification, a POST with a JSON body the webhook.
        AkahuSession session = cloudcheck.akahu().initiate(request.withCallbacks(request.callback(), ours, ours), deadline);
        try {
            store.create(callbackId, session.token(), request.reference());
        } catch (RuntimeException e) {
            log.error("Akahu session {} was started at Cloudcheck but could not be stored: {}", session.token(), e.toString());
            throw e;
        }
        return new Initiated(session.token(), session.url(), request.reference());
    }

    /** /akahu/result/ exactly as Cloudcheck sent it, plus {@code history} and {@code archive} from this service. */
    public ObjectNode result(String token, Deadline deadline) {
        AkahuSessionRecord session = requireSession(token);
        AkahuResult result = cloudcheck.akahu().result(token, deadline);
        ObjectNode body;
        try {
            body = (ObjectNode) json.readTree(result.rawJson());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new CloudcheckProtocolException("/akahu/result/", "answer is not a JSON object", e);
        }
        body.set("history", json.valueToTree(session.history()));
        body.set("archive", json.valueToTree(session.archive()));
        return body;
    }

    public AkahuReviewed review(AkahuReview review, Deadline deadline) {
        requireSession(review.akahuToken());
        return cloudcheck.akahu().review(review, deadline);
    }

    private AkahuSessionRecord requireSession(String token) {
        return store.findByToken(token).orElseThrow(() -> new NotFoundException("AKAHU_SESSION_NOT_FOUND",
                "no Akahu session " + token + " was started through this service"));
    }
}
