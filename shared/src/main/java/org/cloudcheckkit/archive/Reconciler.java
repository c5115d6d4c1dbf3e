package org.cloudcheckkit.archive;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.cloudcheck.CloudcheckException;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.go.GoResults;
import org.cloudcheckkit.cloudcheck.go.RecipientStatus;
import org.cloudcheckkit.go.ArchiveState;
import org.cloudcheckkit.go.GoRequestRecord;
import org.cloudcheckkit.go.GoRequestStore;
import org.cloudcheckkit.go.RecipientState;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled sweep that makes "nothing is lost" true without trusting any callback: it retries results whose
 * archiving failed, asks Cloudcheck for the state of every open Go request and pending Akahu session (so a callback
 * that never came still ends in an archive), and polls results zips still being generated.
 */
public final class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Items taken per kind of work per run; a run that cannot finish leaves the rest due for the next. */
    private static final int BATCH = 50;
    /** Time kept back at the end of a run for the work already started to finish. */
    private static final Duration RUN_MARGIN = Duration.ofSeconds(20);

    private final ResultProcessor results;
    private final ResultStore store;
    private final GoRequestStore goRequests;
    private final ZipArchiver zips;
    private final org.cloudcheckkit.cloudcheck.CloudcheckClient cloudcheck;
    private final Clock clock;
    private final Duration reconcileInterval;
    private final Duration giveUpAfter;

    public Reconciler(ResultProcessor results, ResultStore store, GoRequestStore goRequests, ZipArchiver zips,
                      org.cloudcheckkit.cloudcheck.CloudcheckClient cloudcheck, Clock clock, Duration reconcileInterval,
                      Duration giveUpAfter) {
        this.results = results;
        this.store = store;
        this.goRequests = goRequests;
        this.zips = zips;
        this.cloudcheck = cloudcheck;
        this.clock = clock;
        this.reconcileInterval = reconcileInterval;
        this.giveUpAfter = giveUpAfter;
    }

    /** What one run did, for the log and the caller. */
    public record Run(int retried, int reconciled, int zipsPolled) {
    }

    public Run run(Deadline deadline) {
        int retried = 0;
        for (Item item : store.due(ResultStore.RETRY, BATCH)) {
            if (!deadline.allows(RUN_MARGIN)) {
                break;
            }
            subject(item).ifPresent(subject -> results.refresh(subject, "retry", deadline));
            retried++;
        }
        int reconciled = 0;
        for (Item item : store.due(GoRequestStore.RECONCILE, BATCH)) {
            if (!deadline.allows(RUN_MARGIN)) {
                break;
            }
            reconcile(item, deadline);
            reconciled++;
        }
        int polled = 0;
        for (Item item : store.due(ZipArchiver.ZIP_POLL, BATCH)) {
            if (!deadline.allows(RUN_MARGIN)) {
                break;
            }
            zips.poll(item.string("goApiReference"), deadline);
            polled++;
        }
        Run run = new Run(retried, reconciled, polled);
        if (retried + reconciled + polled > 0) {
            log.info("reconciler run: {}", run);
        }
        return run;
    }

    /** Failed results back to work, due now: the operator's re-drive. */
    public int redriveFailed() {
        int count = store.redriveFailed();
        log.info("re-drove {} failed results", count);
        return count;
    }

    private void reconcile(Item item, Deadline deadline) {
        String pk = item.string(TableKeys.PK);
        if (pk.startsWith("AKAHU#")) {
            results.refresh(new Subject.AkahuSession(pk.substring("AKAHU#".length())), "reconciler", deadline);
            return;
        }
        String goApiReference = item.string("goApiReference");
        Optional<GoRequestRecord> request = goRequests.find(goApiReference);
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
        store.reschedule(TableKeys.key(pk, TableKeys.REQUEST), GoRequestStore.RECONCILE,
                open && !tooOld ? clock.millis() + reconcileInterval.toMillis() : null);
    }

    /** @return true while some recipient is not final yet */
    private boolean reconcileGo(GoRequestRecord request, Deadline deadline) {
        GoResults current = cloudcheck.go().results(request.goApiReference(), deadline);
        Map<String, RecipientState> stored = goRequests.recipientStates(request.goApiReference());
        boolean open = false;
        for (GoResults.RecipientSummary recipient : current.recipients()) {
            Optional<RecipientStatus> status = RecipientStatus.fromWire(recipient.status());
            if (status.isEmpty()) {
                open = true;
                continue;
            }
            RecipientState known = stored.get(recipient.recipientToken());
            int knownRank = known == null ? 0 : RecipientStatus.fromWire(known.status()).map(RecipientStatus::rank).orElse(0);
            boolean unarchived = status.get().isFinal()
                    && (known == null || known.archive() == null || ArchiveState.PENDING.equals(known.archive().state()));
            if (status.get().rank() > knownRank || unarchived) {
                results.refresh(new Subject.GoRecipient(request.goApiReference(), recipient.recipientToken()), "reconciler",
                        deadline);
            }
            open |= !status.get().isFinal();
        }
        return open;
    }

    private static Optional<Subject> subject(Item item) {
        String pk = item.string(TableKeys.PK);
        String sk = item.string(TableKeys.SK);
        if (pk.startsWith("GO#") && sk.startsWith(TableKeys.RECIPIENT_PREFIX)) {
            return Optional.of(new Subject.GoRecipient(pk.substring(3), sk.substring(TableKeys.RECIPIENT_PREFIX.length())));
        }
        if (pk.startsWith("AKAHU#")) {
            return Optional.of(new Subject.AkahuSession(pk.substring("AKAHU#".length())));
        }
        return Optional.empty();
    }
}
