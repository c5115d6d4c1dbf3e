package org.cloudcheckkit.intents;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.akahu.AkahuResult;
import org.cloudcheckkit.cloudcheck.go.GoResults;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.table.AkahuSessionItem;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.GoRequestItem;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;
import org.cloudcheckkit.table.RosterEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what Cloudcheck made for an intent whose answer was lost, once something tells us what it was: a callback
 * carrying the intent's callback id, or Cloudcheck's identifiers noted on the intent. What is adopted is read from
 * Cloudcheck itself (/go/results/, /akahu/result/) and must agree with the intent's reference.
 */
public final class Adoption {
    private static final Logger log = LoggerFactory.getLogger(Adoption.class);

    private final CloudcheckClient cloudcheck;
    private final GoRequests goRequests;
    private final AkahuSessions sessions;
    private final Intents intents;
    private final Clock clock;
    private final Metrics metrics;

    public Adoption(CloudcheckClient cloudcheck, GoRequests goRequests, AkahuSessions sessions, Intents intents, Clock clock,
                    Metrics metrics) {
        this.cloudcheck = cloudcheck;
        this.goRequests = goRequests;
        this.sessions = sessions;
        this.intents = intents;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** The Go request a create or quick send made, recorded from /go/results/; empty if it is not this intent's. */
    public Optional<GoRequestItem> adoptGoRequest(IntentItem intent, String goApiReference, Deadline deadline) {
        if (intent.operation() != IntentItem.Operation.GO_CREATE && intent.operation() != IntentItem.Operation.GO_QUICKSEND) {
            return Optional.empty();
        }
        GoResults results = cloudcheck.go().results(goApiReference, deadline);
        if (!agrees(intent, results.reference())) {
            log.warn("intent {} not adopted: Go request {} has another reference", intent.intentId(), goApiReference);
            return Optional.empty();
        }
        Map<String, RosterEntry> roster = new LinkedHashMap<>();
        for (GoResults.RecipientSummary recipient : results.recipients()) {
            roster.put(recipient.recipientToken(), new RosterEntry(recipient.recipientToken(), recipient.reference(),
                    clock.instant().toString(), RosterEntry.State.ACTIVE, null));
        }
        GoRequestItem request = new GoRequestItem(goApiReference, intent.reference() != null ? intent.reference()
                : results.reference(), intent.createdAt(), intent.operation() == IntentItem.Operation.GO_QUICKSEND
                ? "quicksend" : "create", intent.callbackId(), intent.owner(), roster);
        if (goRequests.record(request, intent.key(), IntentItem.State.ADOPTED)) {
            metrics.count(Metric.INTENTS_ADOPTED, 1);
            log.info("adopted Go request {} of intent {} ({} recipients)", goApiReference, intent.intentId(), roster.size());
            return Optional.of(request);
        }
        return goRequests.find(goApiReference);
    }

    /** The Akahu session an initiate started, recorded once /akahu/result/ confirms its token; empty otherwise. */
    public Optional<AkahuSessionItem> adoptAkahuSession(IntentItem intent, String akahuToken, Deadline deadline) {
        if (intent.operation() != IntentItem.Operation.AKAHU_INITIATE) {
            return Optional.empty();
        }
        AkahuResult result = cloudcheck.akahu().result(akahuToken, deadline);
        if (!agrees(intent, result.reference())) {
            log.warn("intent {} not adopted: Akahu session has another reference", intent.intentId());
            return Optional.empty();
        }
        if (sessions.record(intent, akahuToken, IntentItem.State.ADOPTED)) {
            metrics.count(Metric.INTENTS_ADOPTED, 1);
            log.info("adopted the Akahu session of intent {}", intent.intentId());
        }
        return sessions.findByCallbackId(intent.callbackId());
    }

    /**
     * Recipients Cloudcheck lists for a request that the roster lacks (an add-recipient whose answer was lost) join
     * it; open add-recipient intents with a matching reference are closed as adopted.
     *
     * @return the request's recipient tokens as Cloudcheck lists them
     */
    public List<String> adoptRecipients(GoRequestItem request, Deadline deadline) {
        GoResults results = cloudcheck.go().results(request.goApiReference(), deadline);
        return adoptRecipients(request, results);
    }

    /** The same, from results already fetched. */
    public List<String> adoptRecipients(GoRequestItem request, GoResults results) {
        List<String> listed = new ArrayList<>();
        List<RosterEntry> missing = new ArrayList<>();
        for (GoResults.RecipientSummary recipient : results.recipients()) {
            listed.add(recipient.recipientToken());
            if (!request.roster().containsKey(recipient.recipientToken())) {
                missing.add(new RosterEntry(recipient.recipientToken(), recipient.reference(), clock.instant().toString(),
                        RosterEntry.State.ACTIVE, null));
            }
        }
        if (missing.isEmpty()) {
            return listed;
        }
        goRequests.adoptRecipients(request.goApiReference(), missing, request.owner());
        metrics.count(Metric.RECIPIENTS_ADOPTED, missing.size());
        log.info("adopted {} recipients into Go request {}", missing.size(), request.goApiReference());
        for (IntentItem intent : intents.openForRequest(request.goApiReference())) {
            missing.stream().filter(entry -> Objects.equals(entry.reference(), intent.reference())).findFirst()
                    .ifPresent(entry -> intents.close(intent.key(), IntentItem.State.ADOPTED,
                            new Intents.Outcome(request.goApiReference(), entry.recipientToken(), null)));
        }
        return listed;
    }

    private static boolean agrees(IntentItem intent, String cloudcheckReference) {
        return intent.reference() == null || cloudcheckReference == null || intent.reference().equals(cloudcheckReference);
    }
}
