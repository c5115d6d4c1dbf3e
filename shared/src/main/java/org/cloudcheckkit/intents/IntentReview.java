package org.cloudcheckkit.intents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.table.DueWork;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciler's look at intents left open past their time. One whose Cloudcheck identifiers were noted (its
 * record failed, or a callback's adoption did) is adopted now; any other turns STALE - counted in the StaleIntents
 * metric, logged once, listed to its owner - and is looked at again each interval until it is resolved or given up
 * on. An adopted intent stops being shown to its owner when its time is up. Nothing is ever sent to Cloudcheck again on
 * an intent's behalf.
 */
public final class IntentReview {
    private static final Logger log = LoggerFactory.getLogger(IntentReview.class);

    private final Intents intents;
    private final WorkQueue work;
    private final GoRequests goRequests;
    private final Adoption adoption;
    private final Clock clock;
    private final Duration lookAgain;
    private final Duration giveUpAfter;
    private final Metrics metrics;

    public IntentReview(Intents intents, WorkQueue work, GoRequests goRequests, Adoption adoption, Clock clock,
                        Duration lookAgain, Duration giveUpAfter, Metrics metrics) {
        this.intents = intents;
        this.work = work;
        this.goRequests = goRequests;
        this.adoption = adoption;
        this.clock = clock;
        this.lookAgain = lookAgain;
        this.giveUpAfter = giveUpAfter;
        this.metrics = metrics;
    }

    public void review(ItemKey.Intent key, Deadline deadline) {
        IntentItem intent = intents.find(key).orElse(null);
        if (intent != null && intent.state() == IntentItem.State.ADOPTED) {
            // Shown to its owner long enough: its Idempotency-Key has expired by now too.
            work.clear(key, DueWork.INTENT_ADOPTED);
            return;
        }
        if (intent == null || !intent.isOpen() || adopted(intent, deadline)) {
            return;
        }
        Instant now = clock.instant();
        if (intent.state() == IntentItem.State.OPEN) {
            if (intents.markStale(key, now.plus(lookAgain))) {
                metrics.count(Metric.STALE_INTENTS, 1);
                // The principal is not logged: a JWT's subject can be an email address. Its owner sees it at GET /intents.
                log.warn("STALE_INTENT {} {} made {} ago: Cloudcheck may have made it, and its answer was lost",
                        intent.operation(), intent.intentId(), Duration.between(intent.createdAt(), now));
            }
        } else if (now.isAfter(intent.createdAt().plus(giveUpAfter))) {
            work.clear(key, DueWork.INTENT_STALE);
        } else {
            work.reschedule(key, DueWork.INTENT_STALE, DueWork.INTENT_STALE, now.plus(lookAgain));
        }
    }

    /** True when what Cloudcheck made for the intent is recorded now. */
    private boolean adopted(IntentItem intent, Deadline deadline) {
        switch (intent.operation()) {
            case GO_CREATE:
            case GO_QUICKSEND:
                return intent.goApiReference() != null
                        && adoption.adoptGoRequest(intent, intent.goApiReference(), deadline).isPresent();
            case AKAHU_INITIATE:
                return intent.akahuToken() != null
                        && adoption.adoptAkahuSession(intent, intent.akahuToken(), deadline).isPresent();
            case GO_ADD_RECIPIENT:
                goRequests.find(intent.goApiReference()).ifPresent(request -> adoption.adoptRecipients(request, deadline));
                return intents.find(intent.key()).map(found -> !found.isOpen()).orElse(true);
            default:
                return false;
        }
    }
}
