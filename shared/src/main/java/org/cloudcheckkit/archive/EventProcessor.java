package org.cloudcheckkit.archive;

import java.util.List;
import java.util.Optional;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.intents.Adoption;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.GoRequestItem;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.RecordedEvent;
import org.cloudcheckkit.table.Results;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acts on a newly recorded event (delivered by the table's stream). A Go callback must belong to its request: the
 * callback id it came with must be the one that request was made with, and its recipient one Cloudcheck lists for
 * that request - so a token seen for one request cannot move another. A callback for a request or session whose
 * answer was lost adopts it from its open intent. Then the subject's result is refreshed from Cloudcheck.
 */
public final class EventProcessor {
    private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

    private final ResultProcessor results;
    private final Results trail;
    private final GoRequests goRequests;
    private final AkahuSessions sessions;
    private final Intents intents;
    private final Adoption adoption;

    public EventProcessor(ResultProcessor results, Results trail, GoRequests goRequests, AkahuSessions sessions,
                          Intents intents, Adoption adoption) {
        this.results = results;
        this.trail = trail;
        this.goRequests = goRequests;
        this.sessions = sessions;
        this.intents = intents;
        this.adoption = adoption;
    }

    /**
     * Processes one event. A failure the processor does not turn into a scheduled retry itself (the table
     * unreachable, say) is counted against the subject and scheduled instead, so one bad event never holds up the
     * rest of the stream; it is thrown only when even that fails.
     */
    public ResultProcessor.Outcome process(RecordedEvent event, Deadline deadline) {
        Optional<ItemKey.ResultKey> subject = Optional.empty();
        try {
            subject = subject(event, deadline);
            if (subject.isPresent() && event instanceof RecordedEvent.GoCallback callback) {
                // The status the callback reported joins the trail (when the customer was contacted), whatever
                // the fetch that follows finds.
                trail.recordReport(subject.get(), callback.status(), callback.receivedAt(), event.source());
            }
            return subject.map(key -> results.refresh(key, event.source(), deadline)).orElse(ResultProcessor.Outcome.IGNORED);
        } catch (RuntimeException e) {
            if (subject.isEmpty()) {
                throw e;
            }
            log.warn("event {} {} failed; scheduled as a retry: {}", event.key().pk(), event.key().sk(), e.toString());
            return results.failedElsewhere(subject.get(), e);
        }
    }

    private Optional<ItemKey.ResultKey> subject(RecordedEvent event, Deadline deadline) {
        if (event instanceof RecordedEvent.GoCallback go) {
            return goRecipient(go, deadline);
        }
        if (event instanceof RecordedEvent.AccountWebhook webhook && webhook.callbackId() == null) {
            // One about a Go recipient of ours refreshes it (a review in Direct, say); any other is kept for the operator.
            RecordedEvent.Subject about = webhook.subject();
            return about.goApiReference() == null ? Optional.empty()
                    : Optional.of(new ItemKey.Recipient(about.goApiReference(), about.recipientToken()));
        }
        return akahuSession(event, deadline);
    }

    private Optional<ItemKey.ResultKey> goRecipient(RecordedEvent.GoCallback event, Deadline deadline) {
        if (goRequests.knownBinding(event.goApiReference(), event.callbackId(), event.recipientToken())) {
            // Checked below on an earlier read, and still true: the request item, whole roster and all, is not read again.
            return Optional.of(new ItemKey.Recipient(event.goApiReference(), event.recipientToken()));
        }
        GoRequestItem request = goRequests.find(event.goApiReference()).or(() -> openIntent(event.callbackId())
                .flatMap(intent -> {
                    // Noted first: should adopting fail now, the reconciler adopts from the note.
                    intents.noteOutcome(intent.key(), new Intents.Outcome(event.goApiReference(), null, null));
                    return adoption.adoptGoRequest(intent, event.goApiReference(), deadline);
                })).orElse(null);
        if (request == null) {
            log.warn("callback for Go request {}, which this service did not make", event.goApiReference());
            return Optional.empty();
        }
        if (!request.callbackId().equals(event.callbackId())) {
            log.warn("callback for Go request {} came with another request's callback id; ignored", event.goApiReference());
            return Optional.empty();
        }
        if (!request.roster().containsKey(event.recipientToken())) {
            List<String> listed = adoption.adoptRecipients(request, deadline);
            if (!listed.contains(event.recipientToken())) {
                log.warn("callback for Go request {} names a recipient Cloudcheck does not list for it; ignored",
                        event.goApiReference());
                return Optional.empty();
            }
        }
        return Optional.of(new ItemKey.Recipient(event.goApiReference(), event.recipientToken()));
    }

    private Optional<ItemKey.ResultKey> akahuSession(RecordedEvent event, Deadline deadline) {
        String callbackId = event.callbackId();
        if (sessions.findByCallbackId(callbackId).isPresent()) {
            return Optional.of(new ItemKey.AkahuSession(callbackId));
        }
        // Only the webhook names the session's token; a notification for a session whose answer was lost waits for it.
        List<String> tokens = event instanceof RecordedEvent.AkahuWebhook webhook ? webhook.references() : List.of();
        Optional<IntentItem> intent = openIntent(callbackId);
        if (intent.isEmpty() || tokens.size() != 1) {
            log.warn("{} for an Akahu session this service does not know (callback id {})", event.source(), callbackId);
            return Optional.empty();
        }
        intents.noteOutcome(intent.get().key(), new Intents.Outcome(null, null, tokens.get(0)));
        return adoption.adoptAkahuSession(intent.get(), tokens.get(0), deadline).map(session -> session.key());
    }

    private Optional<IntentItem> openIntent(String callbackId) {
        return callbackId == null ? Optional.empty() : intents.findByCallbackId(callbackId).filter(IntentItem::isOpen);
    }
}
