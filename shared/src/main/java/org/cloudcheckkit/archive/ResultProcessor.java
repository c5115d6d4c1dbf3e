package org.cloudcheckkit.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.CloudcheckException;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.Download;
import org.cloudcheckkit.cloudcheck.akahu.AkahuResult;
import org.cloudcheckkit.cloudcheck.akahu.AkahuStatus;
import org.cloudcheckkit.cloudcheck.go.GoResult;
import org.cloudcheckkit.cloudcheck.go.GoResults;
import org.cloudcheckkit.cloudcheck.go.RecipientStatus;
import org.cloudcheckkit.crash.CrashPoint;
import org.cloudcheckkit.crash.CrashPoints;
import org.cloudcheckkit.metrics.Metric;
import org.cloudcheckkit.metrics.Metrics;
import org.cloudcheckkit.retry.RetryPolicy;
import org.cloudcheckkit.secrets.Redact;
import org.cloudcheckkit.table.AkahuSessionItem;
import org.cloudcheckkit.table.AkahuSessions;
import org.cloudcheckkit.table.ArchiveState;
import org.cloudcheckkit.table.ArchivedVersion;
import org.cloudcheckkit.table.DueWork;
import org.cloudcheckkit.table.GoRequests;
import org.cloudcheckkit.table.ItemKey;
import org.cloudcheckkit.table.ResultItem;
import org.cloudcheckkit.table.Results;
import org.cloudcheckkit.table.RosterEntry;
import org.cloudcheckkit.table.StatusChange;
import org.cloudcheckkit.table.WorkQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns "something may have changed" (a callback, a webhook, a reconciliation, a retry) into evidence. It never
 * trusts the hint: it fetches the result from Cloudcheck, records the status only if it moves forward, and once the
 * status is final archives the result's JSON and PDF, exactly once, under predictable keys, holding a lease while it
 * writes. A failure is counted and scheduled again with backoff; after the last attempt the result is marked FAILED
 * for an operator to re-drive. Work already scheduled for later is left to its schedule: no Cloudcheck call is spent
 * on a result waiting for its retry, being archived by another worker, archived, or failed.
 */
public final class ResultProcessor {
    private static final Logger log = LoggerFactory.getLogger(ResultProcessor.class);
    /** What a fetched status's trail entry says told us: Cloudcheck's API, asked. */
    static final String FETCHED = "fetch";
    /** The source of the reconciler's own retries: they run when due, so they are never held back. */
    public static final String RETRY = "retry";

    public enum Outcome { WAITING, ARCHIVED, ALREADY_ARCHIVED, BUSY, IGNORED, RETRY_SCHEDULED, FAILED }

    private final CloudcheckClient cloudcheck;
    private final Results results;
    private final GoRequests goRequests;
    private final AkahuSessions sessions;
    private final WorkQueue work;
    private final ArchiveStore archive;
    private final Clock clock;
    private final RandomGenerator random;
    private final Settings settings;
    private final String workerId;
    private final CrashPoints crashPoints;
    private final Metrics metrics;

    /**
     * How hard to try: the retry policy of failed results (its attempts before FAILED, and the backoff between them),
     * how long a worker holds an archive claim (longer than any single PDF fetch and upload), and how often a pending
     * session is looked at.
     */
    public record Settings(RetryPolicy retries, Duration archiveLease, Duration reconcileInterval) {
        int maxAttempts() {
            return retries.maxAttempts();
        }
    }

    public ResultProcessor(CloudcheckClient cloudcheck, Results results, GoRequests goRequests, AkahuSessions sessions,
                           WorkQueue work, ArchiveStore archive, Clock clock, RandomGenerator random, Settings settings,
                           String workerId, CrashPoints crashPoints, Metrics metrics) {
        this.cloudcheck = cloudcheck;
        this.results = results;
        this.goRequests = goRequests;
        this.sessions = sessions;
        this.work = work;
        this.archive = archive;
        this.clock = clock;
        this.random = random;
        this.settings = settings;
        this.workerId = workerId;
        this.crashPoints = crashPoints;
        this.metrics = metrics;
    }

    public Outcome refresh(ItemKey.ResultKey subject, String source, Deadline deadline) {
        if (subject instanceof ItemKey.Recipient recipient) {
            return refreshGo(recipient, source, deadline);
        }
        return refreshAkahu((ItemKey.AkahuSession) subject, source, deadline);
    }

    private Outcome refreshGo(ItemKey.Recipient subject, String source, Deadline deadline) {
        Optional<ResultItem> stored = results.read(subject);
        Optional<Outcome> settled = settled(stored, source);
        if (settled.isPresent()) {
            return settled.get();
        }
        try {
            GoResult result;
            try {
                result = cloudcheck.go().result(subject.recipientToken(), deadline);
            } catch (CloudcheckApiException e) {
                if (e.hasCode(105) && !isActive(subject)) {
                    // A cancelled or replaced token is unknown to Cloudcheck now; there is nothing left to fetch.
                    results.clearRetry(subject);
                    return Outcome.IGNORED;
                }
                throw e;
            }
            String wireStatus = present(result.status()) ? result.status() : derivedStatus(subject, deadline);
            Optional<RecipientStatus> status = RecipientStatus.fromWire(wireStatus);
            if (status.isEmpty()) {
                unknownStatus(subject, wireStatus);
                results.clearRetry(subject);
                return Outcome.WAITING;
            }
            boolean recordedNow = results.recordStatus(subject, status.get().wireName(), status.get().rank(), FETCHED,
                    result.reference());
            if (!status.get().isFinal()) {
                results.clearRetry(subject);
                return Outcome.WAITING;
            }
            Map<String, String> ids = new LinkedHashMap<>();
            ids.put("go-api-reference", subject.goApiReference());
            ids.put("recipient-token", subject.recipientToken());
            return archive(subject, finalSince(recordedNow, stored), "go/" + subject.goApiReference() + "/"
                    + subject.recipientToken(), result.rawJson(), "/go/result/", "/go/pdf/", wireStatus, source, ids,
                    () -> cloudcheck.go().pdf(subject.recipientToken(), deadline));
        } catch (CloudcheckException | S3Exception | SdkClientException | UncheckedIOException e) {
            return failed(subject, e);
        }
    }

    private Outcome refreshAkahu(ItemKey.AkahuSession subject, String source, Deadline deadline) {
        AkahuSessionItem session = sessions.findByCallbackId(subject.callbackId()).orElse(null);
        if (session == null) {
            log.warn("no Akahu session has callback id {}", subject.callbackId());
            return Outcome.IGNORED;
        }
        Optional<Outcome> settled = settled(Optional.of(session.result()), source);
        if (settled.isPresent()) {
            return settled.get();
        }
        String token = session.akahuToken();
        try {
            AkahuResult result = cloudcheck.akahu().result(token, deadline);
            Optional<AkahuStatus> status = result.akahuStatus();
            if (status.isEmpty()) {
                unknownStatus(subject, result.status());
                work.schedule(subject, DueWork.RECONCILE, clock.instant().plus(settings.reconcileInterval()));
                return Outcome.WAITING;
            }
            boolean recordedNow = results.recordStatus(subject, status.get().wireName(), status.get().isFinal() ? 1 : 0,
                    FETCHED, null);
            if (!status.get().isFinal()) {
                // Until it is final the session stays on the reconciler's list, whatever else happened.
                work.schedule(subject, DueWork.RECONCILE, clock.instant().plus(settings.reconcileInterval()));
                return Outcome.WAITING;
            }
            return archive(subject, finalSince(recordedNow, Optional.of(session.result())), "akahu/" + token,
                    result.rawJson(), "/akahu/result/", "/akahu/pdf/", result.status(), source,
                    Map.of("akahu-token", token), () -> cloudcheck.akahu().pdf(token, deadline));
        } catch (CloudcheckException | S3Exception | SdkClientException | UncheckedIOException e) {
            return failed(subject, e);
        }
    }

    /**
     * Seed 000 lists recipient statuses for /go/results/ and promises none in /go/result/: when the result has none,
     * the request's list says, else the highest status a callback reported.
     */
    private String derivedStatus(ItemKey.Recipient subject, Deadline deadline) {
        return cloudcheck.go().results(subject.goApiReference(), deadline).recipients().stream()
                .filter(listed -> subject.recipientToken().equals(listed.recipientToken()))
                .map(GoResults.RecipientSummary::status).filter(ResultProcessor::present).findFirst()
                .orElseGet(() -> results.read(subject).stream().flatMap(item -> item.history().stream())
                        .map(change -> RecipientStatus.fromWire(change.status())).flatMap(Optional::stream)
                        .max(Comparator.comparingInt(RecipientStatus::rank)).map(RecipientStatus::wireName).orElse(null));
    }

    /**
     * A status this service does not know is kept in the trail (once per change) and counted, for an operator to
     * alarm on; the result stays on the reconciler's list until it reaches one it knows. No status at all is waited on.
     */
    private void unknownStatus(ItemKey.ResultKey subject, String wireStatus) {
        if (wireStatus == null) {
            log.info("{} has no status yet: neither its result, its request's list nor a callback gives one",
                    describe(subject));
            return;
        }
        metrics.count(Metric.UNKNOWN_STATUSES, 1);
        log.warn("{} has a status this service does not know: '{}'", describe(subject), wireStatus);
        List<StatusChange> history = results.read(subject).map(ResultItem::history).orElse(List.of());
        if (history.isEmpty() || !wireStatus.equals(history.get(history.size() - 1).status())) {
            results.recordReport(subject, wireStatus, clock.instant(), FETCHED);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /** What is already decided without asking Cloudcheck: archived, failed, claimed by a live worker, or waiting. */
    private Optional<Outcome> settled(Optional<ResultItem> stored, String source) {
        if (stored.isEmpty() || stored.get().archive() == null) {
            return Optional.empty();
        }
        ResultItem item = stored.get();
        if (item.archive().isArchived() && RETRY.equals(source)) {
            // Scheduled work on an archived result has nothing left to do; an event may bring a new version.
            return Optional.of(Outcome.ALREADY_ARCHIVED);
        }
        if (item.archive().isFailed()) {
            return Optional.of(Outcome.FAILED);
        }
        if (item.hasWorkAfter(DueWork.ARCHIVE_LEASE, clock.instant())) {
            return Optional.of(Outcome.BUSY);
        }
        if (!RETRY.equals(source) && item.hasWorkAfter(DueWork.RETRY, clock.instant())) {
            return Optional.of(Outcome.RETRY_SCHEDULED);
        }
        return Optional.empty();
    }

    /**
     * When the result's status became final: now if this refresh recorded it, else when the stored item got it (an
     * earlier attempt recorded it and failed to archive).
     */
    private Instant finalSince(boolean recordedNow, Optional<ResultItem> stored) {
        return recordedNow ? clock.instant() : stored.map(ResultItem::statusAt).map(Instant::parse).orElse(clock.instant());
    }

    /**
     * Archives a final result: a first version, or - when the result changed since it was archived (a review, a
     * response after expiry) - the next version beside the earlier ones, which stay as they are. What an earlier worker
     * wrote for the version before it died stands: the same evidence, written once.
     */
    private Outcome archive(ItemKey.ResultKey subject, Instant finalSince, String keyPrefix, String resultJson,
                            String jsonSource, String pdfSource, String status, String reason, Map<String, String> ids,
                            PdfFetch pdfFetch) {
        crashPoints.reach(CrashPoint.RESULT_STATUS_RECORDED);
        byte[] json = resultJson.getBytes(StandardCharsets.UTF_8);
        ArchiveState current = results.read(subject).map(ResultItem::archive).orElse(null);
        Results.Claim claim;
        if (current != null && current.isArchived()) {
            if (ArchiveStore.sha256(json).equals(current.jsonSha256())) {
                return Outcome.ALREADY_ARCHIVED;
            }
            claim = results.claimNewVersion(subject, workerId, settings.archiveLease(), current.version());
        } else {
            claim = results.claimArchive(subject, workerId, settings.archiveLease(), settings.maxAttempts());
        }
        if (claim.outcome() == Results.Claim.Outcome.ARCHIVED) {
            return Outcome.ALREADY_ARCHIVED;
        }
        if (claim.outcome() == Results.Claim.Outcome.BUSY) {
            return Outcome.BUSY;
        }
        if (claim.outcome() == Results.Claim.Outcome.FAILED) {
            archiveFailed(subject, settings.maxAttempts(), "its archive lease ran out on the last attempt");
            return Outcome.FAILED;
        }
        crashPoints.reach(CrashPoint.ARCHIVE_CLAIMED);
        String prefix = claim.version() == 1 ? keyPrefix : keyPrefix + ".v" + claim.version();
        ArchivedObject jsonObject = archive.find(prefix + ".json").orElseGet(() -> archive.putBytes(prefix + ".json", json,
                "application/json", metadata(ids, jsonSource, clock.instant().toString(), status)));
        crashPoints.reach(CrashPoint.ARCHIVE_JSON_WRITTEN);
        ArchivedObject pdf = archive.find(prefix + ".pdf").orElse(null);
        if (pdf == null) {
            try (Download download = pdfFetch.fetch()) {
                pdf = archive.putStream(prefix + ".pdf", download.stream(), "application/pdf",
                        metadata(ids, pdfSource, clock.instant().toString(), status));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        crashPoints.reach(CrashPoint.ARCHIVE_WRITTEN);
        results.markArchived(subject, new ArchivedVersion(claim.version(), pdf.key(), pdf.sha256(), jsonObject.key(),
                jsonObject.sha256(), clock.instant().toString(), status, reason));
        if (claim.version() == 1) {
            // Later versions follow a review or a late response, not the final status: they would skew the figure.
            metrics.time(Metric.TIME_TO_ARCHIVE, Duration.between(finalSince, clock.instant()));
        }
        log.info("archived {} version {} ({} status {}): pdf sha256 {}", describe(subject), claim.version(), jsonSource,
                status, pdf.sha256());
        return Outcome.ARCHIVED;
    }

    private Outcome failed(ItemKey.ResultKey subject, Exception cause) {
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        Results.Failure failure = results.recordFailure(subject, error, settings.maxAttempts(), this::retryDelay);
        if (failure.failed()) {
            archiveFailed(subject, failure.attempts(), error);
            return Outcome.FAILED;
        }
        log.warn("attempt {} for {} failed, retrying later: {}", failure.attempts(), describe(subject), error);
        return Outcome.RETRY_SCHEDULED;
    }

    /**
     * The line an alarm watches, and its metric: an operator re-drives these (docs/archiving.md, "Re-driving
     * failures").
     */
    private void archiveFailed(ItemKey.ResultKey subject, int attempts, String error) {
        metrics.count(Metric.ARCHIVE_FAILED, 1);
        log.error("ARCHIVE_FAILED {} after {} attempts: {}", describe(subject), attempts, error);
    }

    /**
     * Counts a failure that happened outside the processor's own handling (the table unreachable mid-way, say), so
     * that the result is retried on its schedule and counted toward FAILED like any other.
     */
    public Outcome failedElsewhere(ItemKey.ResultKey subject, RuntimeException cause) {
        return failed(subject, cause);
    }

    /** The policy's backoff: with full jitter, so that the retries of a burst spread out. */
    Duration retryDelay(int attempts) {
        return settings.retries().delayAfter(attempts, null, random);
    }

    private boolean isActive(ItemKey.Recipient subject) {
        return goRequests.find(subject.goApiReference())
                .map(request -> request.roster().get(subject.recipientToken()))
                .map(entry -> entry.state() == RosterEntry.State.ACTIVE)
                .orElse(false);
    }

    private static Map<String, String> metadata(Map<String, String> ids, String source, String fetchedAt, String status) {
        Map<String, String> metadata = new LinkedHashMap<>(ids);
        metadata.put("source-endpoint", source);
        metadata.put("fetched-at", fetchedAt);
        metadata.put("status", status);
        return metadata;
    }

    static String describe(ItemKey.ResultKey subject) {
        if (subject instanceof ItemKey.Recipient recipient) {
            return "Go recipient " + Redact.token(recipient.recipientToken()) + " of " + recipient.goApiReference();
        }
        return "Akahu session " + ((ItemKey.AkahuSession) subject).callbackId();
    }

    @FunctionalInterface
    private interface PdfFetch {
        Download fetch();
    }
}
