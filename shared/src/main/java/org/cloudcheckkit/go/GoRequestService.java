package org.cloudcheckkit.go;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudcheckkit.api.Access;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.api.NotFoundException;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.callbacks.CallbackTokens;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.CloudcheckException;
import org.cloudcheckkit.cloudcheck.CloudcheckProtocolException;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.go.AddRecipient;
import org.cloudcheckkit.cloudcheck.go.CancelRecipients;
import org.cloudcheckkit.cloudcheck.go.CancelledRecipients;
import org.cloudcheckkit.cloudcheck.go.EditRecipient;
import org.cloudcheckkit.cloudcheck.go.GoCreated;
import org.cloudcheckkit.cloudcheck.go.GoRecipient;
import org.cloudcheckkit.cloudcheck.go.GoRequest;
import org.cloudcheckkit.cloudcheck.go.GoResult;
import org.cloudcheckkit.cloudcheck.go.GoResults;
import org.cloudcheckkit.cloudcheck.go.QuickSendRequest;
import org.cloudcheckkit.cloudcheck.go.RecipientLink;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;
import org.cloudcheckkit.cloudcheck.go.ResendOutcome;
import org.cloudcheckkit.cloudcheck.go.ResendRequest;
import org.cloudcheckkit.cloudcheck.go.SendOutcome;
import org.cloudcheckkit.cloudcheck.go.SendRequest;
import org.cloudcheckkit.intents.WriteAhead;
import org.cloudcheckkit.table.GoRequestItem;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;
import org.cloudcheckkit.table.ResultItem;
import org.cloudcheckkit.table.RosterEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Go routes' logic: each call is signed and sent by the Cloudcheck client with our own callback URL in
 * {@code notificationUrl}, and what Cloudcheck returns (references and tokens, never personal details) is kept so that
 * callbacks can be authenticated and results archived. A call that makes something billable (create, quick send,
 * add-recipient) is written ahead as an intent, so that what Cloudcheck made is never lost to a crash.
 */
public final class GoRequestService {
    private static final Logger log = LoggerFactory.getLogger(GoRequestService.class);

    private final CloudcheckClient cloudcheck;
    private final Access access;
    private final GoRequests store;
    private final Intents intents;
    private final WriteAhead writeAhead;
    private final CallbackTokens callbacks;
    private final String defaultCompleteUrl;
    private final Clock clock;
    private final ObjectMapper json;

    public GoRequestService(CloudcheckClient cloudcheck, Access access, GoRequests store, Intents intents,
                            WriteAhead writeAhead, CallbackTokens callbacks, String defaultCompleteUrl, Clock clock,
                            ObjectMapper json) {
        this.cloudcheck = cloudcheck;
        this.access = access;
        this.store = store;
        this.intents = intents;
        this.writeAhead = writeAhead;
        this.callbacks = callbacks;
        this.defaultCompleteUrl = defaultCompleteUrl == null || defaultCompleteUrl.isBlank() ? null : defaultCompleteUrl;
        this.clock = clock;
        this.json = json;
    }

    /**
     * /go/create/ with our notificationUrl; the accepted recipients' tokens are kept - read from /go/results/ when the
     * answer does not list them (seed 000 promises only the goApiReference).
     */
    public GoCreated create(GoRequest request, Caller caller, String callbackBaseUrl, Deadline deadline) {
        String callbackId = callbacks.newCallbackId();
        GoRequest outgoing = request
                .withNotificationUrl(callbacks.callbackUrl(callbackBaseUrl, CallbackKind.GO, callbackId))
                .withCompleteUrl(request.completeUrl() != null ? request.completeUrl() : defaultCompleteUrl);
        IntentItem intent = intents.open(IntentItem.Operation.GO_CREATE, callbackId, caller.owner(),
                caller.idempotencyKey(), request.reference());
        GoCreated answered = writeAhead.call(intent, () -> cloudcheck.go().create(outgoing, deadline));
        GoCreated created = answered.tokensListed() ? answered : withListedTokens(answered, deadline);
        Map<String, RosterEntry> roster = new LinkedHashMap<>();
        for (RecipientOutcome.Accepted accepted : created.accepted()) {
            accepted.token().ifPresent(token -> roster.put(token, new RosterEntry(token, accepted.reference(),
                    clock.instant().toString(), RosterEntry.State.ACTIVE, null)));
        }
        GoRequestItem item = new GoRequestItem(created.goApiReference(),
                created.reference() != null ? created.reference() : request.reference(), clock.instant(), "create",
                callbackId, caller.owner(), roster);
        writeAhead.record(intent, new Intents.Outcome(created.goApiReference(), null, null),
                () -> store.record(item, intent.key(), IntentItem.State.COMPLETED));
        return created;
    }

    /**
     * The create's answer with the tokens /go/results/ lists. Should that call fail, the request is recorded with the
     * tokens known: the reconciler (or the first callback) adopts the others from the list.
     */
    private GoCreated withListedTokens(GoCreated answered, Deadline deadline) {
        try {
            return answered.withTokensFrom(cloudcheck.go().results(answered.goApiReference(), deadline));
        } catch (CloudcheckException e) {
            log.warn("Go request {} was created without tokens in its answer and /go/results/ failed; the reconciler "
                    + "adopts its recipients: {}", answered.goApiReference(), e.toString());
            return answered;
        }
    }

    /** /go/quicksend/: one recipient, messaged at once; kept like a one-recipient create. */
    public RecipientLink quickSend(QuickSendRequest request, Caller caller, String callbackBaseUrl, Deadline deadline) {
        String callbackId = callbacks.newCallbackId();
        QuickSendRequest outgoing = request
                .withNotificationUrl(callbacks.callbackUrl(callbackBaseUrl, CallbackKind.GO, callbackId))
                .withCompleteUrl(request.completeUrl() != null ? request.completeUrl() : defaultCompleteUrl);
        IntentItem intent = intents.open(IntentItem.Operation.GO_QUICKSEND, callbackId, caller.owner(),
                caller.idempotencyKey(), request.reference());
        RecipientLink sent = writeAhead.call(intent, () -> cloudcheck.go().quickSend(outgoing, deadline));
        if (sent.goApiReference() == null) {
            throw new CloudcheckProtocolException("/go/quicksend/", "answer has no 'goApiReference'", null);
        }
        GoRequestItem item = new GoRequestItem(sent.goApiReference(), request.reference(), clock.instant(), "quicksend",
                callbackId, caller.owner(), Map.of(sent.recipientToken(), new RosterEntry(sent.recipientToken(),
                        request.reference(), clock.instant().toString(), RosterEntry.State.ACTIVE, null)));
        writeAhead.record(intent, new Intents.Outcome(sent.goApiReference(), sent.recipientToken(), null),
                () -> store.record(item, intent.key(), IntentItem.State.COMPLETED));
        return sent;
    }

    public SendOutcome send(SendRequest request, Caller caller, Deadline deadline) {
        requireRequest(request.goApiReference(), caller);
        return cloudcheck.go().send(request, deadline);
    }

    public ResendOutcome resend(ResendRequest request, Caller caller, Deadline deadline) {
        requireRecipient(requireRequest(request.goApiReference(), caller), request.recipientToken());
        return cloudcheck.go().resend(request, deadline);
    }

    public RecipientLink addRecipient(String goApiReference, GoRecipient recipient, Caller caller, Deadline deadline) {
        GoRequestItem request = requireRequest(goApiReference, caller);
        IntentItem intent = intents.openAddRecipient(goApiReference, request.callbackId(), callbacks.newCallbackId(),
                caller.owner(), caller.idempotencyKey(), recipient.reference());
        RecipientLink added = writeAhead.call(intent,
                () -> cloudcheck.go().addRecipient(new AddRecipient(goApiReference, recipient), deadline));
        RosterEntry entry = new RosterEntry(added.recipientToken(), recipient.reference(), clock.instant().toString(),
                RosterEntry.State.ACTIVE, null);
        writeAhead.record(intent, new Intents.Outcome(goApiReference, added.recipientToken(), null),
                () -> store.addRecipient(goApiReference, entry, request.owner(), intent.key()));
        return added;
    }

    /** The recipient is replaced whole; when Cloudcheck issues a new token, the roster follows it. */
    public RecipientLink editRecipient(String goApiReference, String recipientToken, GoRecipient recipient, Caller caller,
                                       Deadline deadline) {
        GoRequestItem request = requireRequest(goApiReference, caller);
        requireRecipient(request, recipientToken);
        RecipientLink edited = cloudcheck.go().editRecipient(new EditRecipient(goApiReference, recipientToken, recipient), deadline);
        if (!recipientToken.equals(edited.recipientToken())) {
            store.replaceRecipient(goApiReference, recipientToken, new RosterEntry(edited.recipientToken(),
                    recipient.reference(), clock.instant().toString(), RosterEntry.State.ACTIVE, null), request.owner());
        }
        return edited;
    }

    public CancelledRecipients cancel(CancelRecipients request, Caller caller, Deadline deadline) {
        GoRequestItem record = requireRequest(request.goApiReference(), caller);
        request.recipientTokens().forEach(token -> requireRecipient(record, token));
        CancelledRecipients cancelled = cloudcheck.go().cancelRecipients(request, deadline);
        store.cancelRecipients(request.goApiReference(), cancelled.cancelled());
        return cancelled;
    }

    /** Cloudcheck's current view of every recipient, with the roster, history and archive kept here. */
    public GoRequestView view(String goApiReference, Caller caller, Deadline deadline) {
        GoRequestItem record = requireRequest(goApiReference, caller);
        GoResults results = cloudcheck.go().results(goApiReference, deadline);
        Map<String, ResultItem> states = store.recipients(goApiReference);
        List<GoRequestView.Recipient> recipients = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (GoResults.RecipientSummary summary : results.recipients()) {
            seen.add(summary.recipientToken());
            RosterEntry entry = record.roster().get(summary.recipientToken());
            ResultItem state = states.get(summary.recipientToken());
            recipients.add(new GoRequestView.Recipient(summary.recipientToken(), summary.reference(), summary.status(),
                    summary.statusDate(), summary.link(), entry == null ? RosterEntry.State.ACTIVE.name() : entry.state().name(),
                    entry == null ? null : entry.replacedBy(), state == null ? List.of() : state.history(),
                    state == null ? null : state.archive()));
        }
        // Cancelled and replaced recipients drop out of Cloudcheck's list; the roster still knows them.
        for (RosterEntry entry : record.roster().values()) {
            if (!seen.contains(entry.recipientToken())) {
                recipients.add(stored(entry, states.get(entry.recipientToken())));
            }
        }
        return new GoRequestView(goApiReference, record.reference(), record.createdAt().toString(), record.source(),
                (int) record.activeRecipients(), recipients);
    }

    /**
     * What this service recorded of every recipient - the latest status the callbacks and fetches brought, the trail,
     * the archive - with no call to Cloudcheck, so a front end can poll it. The journey link is Cloudcheck's: only
     * {@link #view} has it.
     */
    public GoRequestView storedView(String goApiReference, Caller caller) {
        GoRequestItem record = requireRequest(goApiReference, caller);
        Map<String, ResultItem> states = store.recipients(goApiReference);
        List<GoRequestView.Recipient> recipients = record.roster().values().stream()
                .map(entry -> stored(entry, states.get(entry.recipientToken()))).toList();
        return new GoRequestView(goApiReference, record.reference(), record.createdAt().toString(), record.source(),
                (int) record.activeRecipients(), recipients);
    }

    private static GoRequestView.Recipient stored(RosterEntry entry, ResultItem state) {
        return new GoRequestView.Recipient(entry.recipientToken(), entry.reference(),
                state == null ? null : state.status(), state == null ? null : state.statusAt(), null,
                entry.state().name(), entry.replacedBy(), state == null ? List.of() : state.history(),
                state == null ? null : state.archive());
    }

    /**
     * /go/result/ exactly as Cloudcheck sent it, plus {@code history} and {@code archive} from this service. A token
     * this service did not issue, or another owner's, is not found - and costs no Cloudcheck call.
     */
    public ObjectNode recipientResult(String recipientToken, Caller caller, Deadline deadline) {
        ResultItem stored = store.recipientByToken(recipientToken)
                .filter(item -> access.allows(caller.principal(), item.owner()))
                .orElseThrow(() -> new NotFoundException("RECIPIENT_NOT_FOUND",
                        "no recipient " + recipientToken + " was added through this service"));
        GoResult result = cloudcheck.go().result(recipientToken, deadline);
        ObjectNode body;
        try {
            body = (ObjectNode) json.readTree(result.rawJson());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new CloudcheckProtocolException("/go/result/", "answer is not a JSON object", e);
        }
        body.set("history", json.valueToTree(stored.history()));
        if (stored.archive() != null) { // absent until archiving starts, as in the request's view
            body.set("archive", json.valueToTree(stored.archive()));
        }
        return body;
    }

    /** The request, when the caller may act on it; else not found, as if it did not exist. */
    private GoRequestItem requireRequest(String goApiReference, Caller caller) {
        GoRequestItem request = store.find(goApiReference).orElse(null);
        access.require(caller.principal(), request == null ? null : request.owner(), "GO_REQUEST_NOT_FOUND",
                "no Go request " + goApiReference + " was made through this service");
        return request;
    }

    private static void requireRecipient(GoRequestItem record, String recipientToken) {
        RosterEntry entry = record.roster().get(recipientToken);
        if (entry == null) {
            throw new NotFoundException("RECIPIENT_NOT_FOUND",
                    "Go request " + record.goApiReference() + " has no recipient " + recipientToken);
        }
        if (entry.state() != RosterEntry.State.ACTIVE) {
            throw new NotFoundException("RECIPIENT_NOT_FOUND", "recipient " + recipientToken + " was "
                    + entry.state().name().toLowerCase(java.util.Locale.ROOT)
                    + (entry.replacedBy() == null ? "" : "; its token is now " + entry.replacedBy()));
        }
    }
}
