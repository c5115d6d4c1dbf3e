package org.cloudcheckkit.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
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
import org.cloudcheckkit.cloudcheck.go.RecipientStatus;
import org.cloudcheckkit.go.ArchiveState;
import org.cloudcheckkit.go.GoRequestStore;
import org.cloudcheckkit.go.RosterEntry;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns "something may have changed" (a callback, a webhook, a reconciliation, a retry) into evidence. It never
 * trusts the hint: it fetches the result from Cloudcheck, records the status only if it moves forward, and once the
 * status is final archives the result's JSON and PDF, exactly once, under predictable keys. A failure is counted and
 * scheduled again with backoff; after the last attempt the result is marked FAILED for an operator to re-drive.
 */
public final class ResultProcessor {
    private static final Logger log = LoggerFactory.getLogger(ResultProcessor.class);
    /** How long a worker holds an archive claim; longer than any single PDF fetch and upload. */
    private static final Duration ARCHIVE_LEASE = Duration.ofMinutes(5);
    private static final Duration MAX_RETRY_DELAY = Duration.ofHours(1);

    public enum Outcome { WAITING, ARCHIVED, ALREADY_ARCHIVED, BUSY, IGNORED, RETRY_SCHEDULED, FAILED }

    private final CloudcheckClient cloudcheck;
    private final ResultStore results;
    private final ArchiveStore archive;
    private final GoRequestStore goRequests;
    private final Clock clock;
    private final RandomGenerator random;
    private final int maxAttempts;
    private final Duration retryBase;
    private final Duration reconcileInterval;

    public ResultProcessor(CloudcheckClient cloudcheck, ResultStore results, ArchiveStore archive, GoRequestStore goRequests,
                           Clock clock, RandomGenerator random, int maxAttempts, Duration retryBase, Duration reconcileInterval) {
        this.cloudcheck = cloudcheck;
        this.results = results;
        this.archive = archive;
        this.goRequests = goRequests;
        this.clock = clock;
        this.random = random;
        this.maxAttempts = maxAttempts;
        this.retryBase = retryBase;
        this.reconcileInterval = reconcileInterval;
    }

    public Outcome refresh(Subject subject, String source, Deadline deadline) {
        if (subject instanceof Subject.GoRecipient recipient) {
            return refreshGo(recipient, source, deadline);
        }
        return refreshAkahu((Subject.AkahuSession) subject, source, deadline);
    }

    private Outcome refreshGo(Subject.GoRecipient subject, String source, Deadline deadline) {
        Map<String, String> identity = goIdentity(subject, null);
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
            identity = goIdentity(subject, result.reference());
            Optional<RecipientStatus> status = result.recipientStatus();
            if (status.isEmpty()) {
                log.warn("recipient {} has a status this service does not know: '{}'", subject.recipientToken(), result.status());
                results.clearRetry(subject);
                return Outcome.WAITING;
            }
            results.recordStatus(subject, status.get().wireName(), status.get().rank(), source, identity);
            if (!status.get().isFinal()) {
                results.clearRetry(subject);
                return Outcome.WAITING;
            }
            String prefix = "go/" + subject.goApiReference() + "/" + subject.recipientToken();
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("go-api-reference", subject.goApiReference());
            metadata.put("recipient-token", subject.recipientToken());
            return archive(subject, prefix, result.rawJson(), "/go/result/", "/go/pdf/", result.status(), metadata,
                    () -> cloudcheck.go().pdf(subject.recipientToken(), deadline));
        } catch (CloudcheckException | S3Exception | SdkClientException | UncheckedIOException e) {
            return failed(subject, e, identity);
        }
    }

    private Outcome refreshAkahu(Subject.AkahuSession subject, String source, Deadline deadline) {
        Item session = results.read(subject);
        String token = session.string("akahuToken");
        if (token == null) {
            log.warn("no Akahu session has callback id {}", subject.callbackId());
            return Outcome.IGNORED;
        }
        try {
            AkahuResult result = cloudcheck.akahu().result(token, deadline);
            Optional<AkahuStatus> status = result.akahuStatus();
            if (status.isEmpty()) {
                log.warn("Akahu session {} has a status this service does not know: '{}'", token, result.status());
                return Outcome.WAITING;
            }
            results.recordStatus(subject, status.get().wireName(), status.get().isFinal() ? 1 : 0, source, Map.of());
            if (!status.get().isFinal()) {
                // Until it is final the session stays on the reconciler's list, whatever else happened.
                results.reschedule(subject.key(), GoRequestStore.RECONCILE, clock.millis() + reconcileInterval.toMillis());
                return Outcome.WAITING;
            }
            return archive(subject, "akahu/" + token, result.rawJson(), "/akahu/result/", "/akahu/pdf/", result.status(),
                    Map.of("akahu-token", token), () -> cloudcheck.akahu().pdf(token, deadline));
        } catch (CloudcheckException | S3Exception | SdkClientException | UncheckedIOException e) {
            return failed(subject, e, Map.of());
        }
    }

    private Outcome archive(Subject subject, String keyPrefix, String resultJson, String jsonSource, String pdfSource,
                            String status, Map<String, String> ids, PdfFetch pdfFetch) {
        Item stored = results.read(subject);
        if (ArchiveState.ARCHIVED.equals(stored.string("archiveState"))) {
            return Outcome.ALREADY_ARCHIVED;
        }
        if (!results.claimArchive(subject, ARCHIVE_LEASE)) {
            return ArchiveState.FAILED.equals(stored.string("archiveState")) ? Outcome.FAILED : Outcome.BUSY;
        }
        String fetchedAt = clock.instant().toString();
        ArchivedObject json = archive.putBytes(keyPrefix + ".json", resultJson.getBytes(StandardCharsets.UTF_8),
                "application/json", metadata(ids, jsonSource, fetchedAt, status));
        ArchivedObject pdf;
        try (Download download = pdfFetch.fetch()) {
            pdf = archive.putStream(keyPrefix + ".pdf", download.stream(), "application/pdf",
                    metadata(ids, pdfSource, clock.instant().toString(), status));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        results.markArchived(subject, pdf, json);
        log.info("archived {} ({} status {}): pdf sha256 {}", keyPrefix, jsonSource, status, pdf.sha256());
        return Outcome.ARCHIVED;
    }

    private Outcome failed(Subject subject, Exception cause, Map<String, String> identity) {
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        ResultStore.Failure failure = results.recordFailure(subject, error, maxAttempts, this::retryDelay, identity);
        if (failure.failed()) {
            // The line an alarm watches: an operator re-drives these (see README, "Re-driving failures").
            log.error("ARCHIVE_FAILED {} after {} attempts: {}", describe(subject), failure.attempts(), error);
            return Outcome.FAILED;
        }
        log.warn("attempt {} for {} failed, retrying later: {}", failure.attempts(), describe(subject), error);
        return Outcome.RETRY_SCHEDULED;
    }

    /** base * 2^(attempts-1), at most an hour, with 20% jitter so that retries of a burst spread out. */
    Duration retryDelay(int attempts) {
        long ceiling = Math.min(MAX_RETRY_DELAY.toMillis(), retryBase.toMillis() << Math.min(attempts - 1, 20));
        double jitter = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis((long) (ceiling * jitter));
    }

    private boolean isActive(Subject.GoRecipient subject) {
        return goRequests.find(subject.goApiReference())
                .map(request -> request.roster().get(subject.recipientToken()))
                .map(entry -> entry.state() == RosterEntry.State.ACTIVE)
                .orElse(false);
    }

    private static Map<String, String> goIdentity(Subject.GoRecipient subject, String reference) {
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("kind", "GO_RECIPIENT");
        identity.put("goApiReference", subject.goApiReference());
        identity.put("recipientToken", subject.recipientToken());
        identity.put(TableKeys.TOKEN_KEY, TableKeys.goTokenKey(subject.recipientToken()));
        identity.put("reference", reference);
        return identity;
    }

    private static Map<String, String> metadata(Map<String, String> ids, String source, String fetchedAt, String status) {
        Map<String, String> metadata = new LinkedHashMap<>(ids);
        metadata.put("source-endpoint", source);
        metadata.put("fetched-at", fetchedAt);
        metadata.put("status", status);
        return metadata;
    }

    private static String describe(Subject subject) {
        if (subject instanceof Subject.GoRecipient recipient) {
            return "Go recipient " + recipient.recipientToken() + " of " + recipient.goApiReference();
        }
        return "Akahu session " + ((Subject.AkahuSession) subject).callbackId();
    }

    @FunctionalInterface
    private interface PdfFetch {
        Download fetch();
    }
}
