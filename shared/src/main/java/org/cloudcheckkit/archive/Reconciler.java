package org.cloudcheckkit.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.CloudcheckException;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.go.GoResults;
import org.cloudcheckkit.cloudcheck.go.RecipientStatus;
import org.cloudcheckkit.intents.IntentReview;
import org.cloudcheckkit.intents.Adoption;
import org.cloudcheckkit.logging.LogContext;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.table.DueWork;
import org.cloudcheckkit.table.GoRequestItem;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.Item;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.ResultItem;
import org.cloudcheckkit.table.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled sweep that makes "nothing is lost" true without trusting any callback: it runs the retries that
 * are due, takes over archive leases whose holder died, asks Cloudcheck for the state of every open Go request and
 * pending Akahu session (so a callback that never came still ends in an archive), polls results zips, and reviews
 * intents left open. Every item is isolated: one that fails is counted, logged once and scheduled again with backoff,
 * and the run goes on.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Items taken per kind of work per run; a run that cannot finish leaves the rest due for the next. */
    private static final int BATCH = 50;
    /**
     * The least wait before an item that failed is taken again, even where work is due at once between runs (short
     * local timings): the next run must not start with it.
     */
    private static final Duration MIN_RESCHEDULE = Duration.ofMinutes(1);
    /** Time kept back at the end of a run for the work already started to finish. */
    private static final Duration RUN_MARGIN = Duration.ofSeconds(20);

    private final ResultProcessor results;
    private final WorkQueue work;
    private final GoRequests goRequests;
    private final ZipArchiver zips;
    private final IntentReview intentReview;
    private final Adoption adoption;
    private final CloudcheckClient cloudcheck;
    private final Clock clock;
    private final Duration reconcileInterval;
    private final Duration giveUpAfter;
    private final Metrics metrics;

    public Reconciler(ResultProcessor results, WorkQueue work, GoRequests goRequests, ZipArchiver zips,
                      IntentReview intentReview, Adoption adoption, CloudcheckClient cloudcheck, Clock clock,
                      Duration reconcileInterval, Duration giveUpAfter, Metrics metrics) {
        this.results = results;
        this.work = work;
        this.goRequests = goRequests;
        this.zips = zips;
        this.intentReview = intentReview;
        this.adoption = adoption;
        this.cloudcheck = cloudcheck;
        this.clock = clock;
        this.reconcileInterval = reconcileInterval;
        this.giveUpAfter = giveUpAfter;
        this.metrics = metrics;
    }

    /** What one run did, for the log and the caller: items taken per kind of work, and those that failed. */
    public record Run(int retried, int leasesTakenOver, int reconciled, int zipsPolled, int intentsReviewed, int failures) {
    }

    public Run run(Deadline deadline) {
        Tally tally = new Tally();
        int retried = each(DueWork.RETRY, deadline, tally,
                item -> results.refresh(resultKey(item), ResultProcessor.RETRY, deadline));
        int leases = each(DueWork.ARCHIVE_LEASE, deadline, tally,
                item -> results.refresh(resultKey(item), ResultProcessor.RETRY, deadline));
        int reconciled = each(DueWork.RECONCILE, deadline, tally, item -> reconcile(item, deadline));
        int polled = each(DueWork.ZIP_POLL, deadline, tally,
                item -> zips.poll(((ItemKey.ZipJob) item.itemKey()).goApiReference(), deadline));
        int intents = 0;
        for (DueWork kind : new DueWork[] {DueWork.INTENT_OPEN, DueWork.INTENT_STALE, DueWork.INTENT_ADOPTED}) {
            intents += each(kind, deadline, tally, item -> intentReview.review((ItemKey.Intent) item.itemKey(), deadline));
        }
        Run run = new Run(retried, leases, reconciled, polled, intents, tally.failures);
        if (tally.failures > 0) {
            metrics.count(Metric.RECONCILE_ITEM_FAILURES, tally.failures);
        }
        if (retried + leases + reconciled + polled + intents > 0) {
            log.info("reconciler run: {}", run);
        }
        return run;
    }

    /** Failed results and zips back to work, due now: the operator's re-drive. */
    public int redriveFailed() {
        int count = work.redriveFailed();
        log.info("re-drove {} failed results", count);
        return count;
    }

    private static final class Tally {
        int failures;
    }

    private int each(DueWork kind, Deadline deadline, Tally tally, Consumer<Item> action) {
        int taken = 0;
        for (Item item : work.due(kind, BATCH)) {
            if (!deadline.allows(RUN_MARGIN)) {
                break;
            }
            taken++;
            try (LogContext.Scope keys = LogContext.about(item.itemKey())) {
                try {
                    action.accept(item);
                } catch (RuntimeException e) {
                    tally.failures++;
                    isolate(kind, item.itemKey(), e);
                }
            }
        }
        return taken;
    }

    /** One item failed: logged once, and its work moved on so it neither blocks the run nor comes back at once. */
    private void isolate(DueWork kind, ItemKey key, RuntimeException cause) {
        log.warn("{} work on {} {} failed; rescheduled: {}", kind, key.pk(), key.sk(), cause.toString());
        try {
            if (key instanceof ItemKey.ResultKey result && (kind == DueWork.RETRY || kind == DueWork.ARCHIVE_LEASE)) {
                // Counted toward FAILED like any failed attempt.
                results.failedElsewhere(result, cause);
            } else {
                Duration wait = reconcileInterval.compareTo(MIN_RESCHEDULE) > 0 ? reconcileInterval : MIN_RESCHEDULE;
                work.reschedule(key, kind, kind, clock.instant().plus(wait));
            }
        } catch (RuntimeException again) {
            log.warn("{} {} could not be rescheduled either; it stays due: {}", key.pk(), key.sk(), again.toString());
        }
    }

    private void reconcile(Item item, Deadline deadline) {
        ItemKey key = item.itemKey();
        if (key instanceof ItemKey.AkahuSession session) {
            results.refresh(session, "reconciler", deadline);
            return;
        }
        String goApiReference = ((ItemKey.GoRequest) key).goApiReference();
        Optional<GoRequestItem> request = goRequests.find(goApiReference);
        if (request.isEmpty()) {
            return;
        }
        boolean open;
        try {
            open = reconcileGo(request.get(), deadline);
        } catch (CloudcheckException e) {
            log.warn("could not reconcile Go request {}: {}", goApiReference, e.getMessage());
            open = true;
        }
        Instant created = request.get().createdAt();
        boolean tooOld = clock.instant().isAfter(created.plus(giveUpAfter));
        if (open && tooOld) {
            log.warn("Go request {} still has open recipients after {}; no longer reconciled", goApiReference, giveUpAfter);
        }
        if (open && !tooOld) {
            work.reschedule(key, DueWork.RECONCILE, DueWork.RECONCILE, clock.instant().plus(reconcileInterval));
        } else {
            work.clear(key, DueWork.RECONCILE);
        }
    }

    /**
     * Refreshes each recipient whose status moved on at Cloudcheck, or that is final and not archived. One
     * with work of its own (a retry, a lease) is left to it; recipients Cloudcheck lists that the roster lacks are
     * adopted first.
     *
     * @return true while some recipient has not responded (an expired one may still, after a resend)
     */
    private boolean reconcileGo(GoRequestItem request, Deadline deadline) {
        GoResults current = cloudcheck.go().results(request.goApiReference(), deadline);
        adoption.adoptRecipients(request, current);
        Map<String, ResultItem> stored = goRequests.recipients(request.goApiReference());
        boolean open = false;
        for (GoResults.RecipientSummary recipient : current.recipients()) {
            Optional<RecipientStatus> status = RecipientStatus.fromWire(recipient.status());
            if (status.isEmpty()) {
                metrics.count(Metric.UNKNOWN_STATUSES, 1);
                log.warn("recipient {} has a status this service does not know: '{}'", recipient.recipientToken(),
                        recipient.status());
                open = true;
                continue;
            }
            ResultItem known = stored.get(recipient.recipientToken());
            int knownRank = known == null ? 0 : RecipientStatus.fromWire(known.status()).map(RecipientStatus::rank).orElse(0);
            boolean unarchived = status.get().isFinal() && (known == null || known.archive() == null
                    || !known.archive().isArchived());
            boolean hasOwnWork = known != null && known.work() != null;
            if (!hasOwnWork && (status.get().rank() > knownRank || unarchived)) {
                results.refresh(new ItemKey.Recipient(request.goApiReference(), recipient.recipientToken()), "reconciler",
                        deadline);
            }
            open |= !status.get().isTerminal();
        }
        return open;
    }

    private static ItemKey.ResultKey resultKey(Item item) {
        return (ItemKey.ResultKey) item.itemKey();
    }
}
