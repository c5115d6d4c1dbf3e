package org.cloudcheckkit.archive;

import static org.cloudcheckkit.store.TableKeys.DUE_AT;
import static org.cloudcheckkit.store.TableKeys.WORK;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.api.NotFoundException;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.cloudcheck.CloudcheckClient;
import org.cloudcheckkit.cloudcheck.CloudcheckException;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.cloudcheck.go.PdfJob;
import org.cloudcheckkit.cloudcheck.go.ZipRetrieval;
import org.cloudcheckkit.go.GoRequestStore;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Archives a Go request's results zip: /go/pdfs/generate/ starts Cloudcheck's job (which can take an hour for 500
 * recipients), the reconciler polls /go/pdfs/retrieve/ until the zip is ready, and the zip is streamed into S3 in
 * bounded memory. "Missing or invalid token" means a recipient responded since: the job is generated again.
 */
public final class ZipArchiver {
    private static final Logger log = LoggerFactory.getLogger(ZipArchiver.class);
    public static final String ZIP_POLL = "ZIP_POLL";
    /** One poller at a time; long enough to stream a large zip into S3. */
    private static final Duration POLL_LEASE = Duration.ofMinutes(14);

    static final String GENERATING = "GENERATING";
    static final String ARCHIVED = "ARCHIVED";
    static final String FAILED = "FAILED";

    private final CloudcheckClient cloudcheck;
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final ArchiveStore archive;
    private final GoRequestStore goRequests;
    private final Clock clock;
    private final Duration pollInterval;
    private final int maxAttempts;
    private final Duration linkValidity;

    public ZipArchiver(CloudcheckClient cloudcheck, DynamoDbClient dynamoDb, String table, ArchiveStore archive,
                       GoRequestStore goRequests, Clock clock, Duration pollInterval, int maxAttempts, Duration linkValidity) {
        this.cloudcheck = cloudcheck;
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.archive = archive;
        this.goRequests = goRequests;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.maxAttempts = maxAttempts;
        this.linkValidity = linkValidity;
    }

    /** Starts a zip job, unless one is already being generated (then that one is returned). */
    public ZipJob start(String goApiReference, Deadline deadline) {
        goRequests.find(goApiReference).orElseThrow(() -> new NotFoundException("GO_REQUEST_NOT_FOUND",
                "no Go request " + goApiReference + " was made through this service"));
        Optional<Item> existing = read(goApiReference);
        if (existing.isPresent() && GENERATING.equals(existing.get().string("state"))) {
            return view(existing.get());
        }
        PdfJob job = cloudcheck.go().generatePdfs(goApiReference, deadline);
        Map<String, AttributeValue> item = Item.builder()
                .put(TableKeys.PK, TableKeys.goPartition(goApiReference))
                .put(TableKeys.SK, TableKeys.ZIP)
                .put("kind", "GO_ZIP")
                .put("goApiReference", goApiReference)
                .put("state", GENERATING)
                .put("jobToken", job.token())
                .put("requestedAt", clock.instant().toString())
                .put("regenerations", 0)
                .put("attempts", 0)
                .put(WORK, ZIP_POLL)
                .put(DUE_AT, clock.millis() + pollInterval.toMillis())
                .build();
        dynamoDb.putItem(request -> request.tableName(table).item(item));
        return view(Item.of(item));
    }

    public ZipJob status(String goApiReference) {
        return read(goApiReference).map(this::view).orElseThrow(() -> new NotFoundException("NO_ZIP_JOB",
                "no results zip was requested for Go request " + goApiReference + "; POST to this path to start one"));
    }

    /** One poll of a job that is due: progress, the zip itself, or a new generation. */
    public void poll(String goApiReference, Deadline deadline) {
        if (!claim(goApiReference)) {
            return;
        }
        Item job = read(goApiReference).orElseThrow();
        String jobToken = job.string("jobToken");
        try {
            ZipRetrieval retrieval = cloudcheck.go().retrievePdfs(jobToken, deadline);
            if (retrieval instanceof ZipRetrieval.InProgress progress) {
                update(goApiReference, "SET #complete = :complete, #total = :total, #due = :due REMOVE leaseUntil",
                        Map.of(":complete", Item.n(progress.complete()), ":total", Item.n(progress.total()),
                                ":due", Item.n(clock.millis() + pollInterval.toMillis())));
                return;
            }
            ArchivedObject zip;
            try (var download = ((ZipRetrieval.Ready) retrieval).zip()) {
                Map<String, String> metadata = Map.of("go-api-reference", goApiReference, "job-token", jobToken,
                        "source-endpoint", "/go/pdfs/retrieve/", "fetched-at", clock.instant().toString(), "status", "ZIP");
                zip = archive.putStream("go/" + goApiReference + "/results-" + jobToken + ".zip", download.stream(),
                        "application/zip", metadata);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            update(goApiReference, "SET #state = :archived, zipKey = :key, sha256 = :sha, #size = :size, archivedAt = :at, "
                            + "attempts = :zero REMOVE leaseUntil, #work, #due, lastError",
                    Map.of(":archived", Item.s(ARCHIVED), ":key", Item.s(zip.key()), ":sha", Item.s(zip.sha256()),
                            ":size", Item.n(zip.size()), ":at", Item.s(clock.instant().toString()), ":zero", Item.n(0)));
            log.info("archived results zip of Go request {}: {} bytes, sha256 {}", goApiReference, zip.size(), zip.sha256());
        } catch (CloudcheckApiException e) {
            if (e.hasCode(105)) {
                regenerate(goApiReference, deadline);
            } else {
                failed(goApiReference, job, e);
            }
        } catch (CloudcheckException | S3Exception | SdkClientException | UncheckedIOException e) {
            failed(goApiReference, job, e);
        }
    }

    private void regenerate(String goApiReference, Deadline deadline) {
        PdfJob job = cloudcheck.go().generatePdfs(goApiReference, deadline);
        log.info("results of Go request {} changed since its zip was generated; generating again", goApiReference);
        update(goApiReference, "SET jobToken = :token, regenerations = regenerations + :one, #due = :due REMOVE leaseUntil, "
                        + "#complete, #total",
                Map.of(":token", Item.s(job.token()), ":one", Item.n(1), ":due", Item.n(clock.millis() + pollInterval.toMillis())));
    }

    private void failed(String goApiReference, Item job, Exception cause) {
        int attempts = (int) job.number("attempts", 0) + 1;
        boolean failed = attempts >= maxAttempts;
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        long due = failed ? clock.millis() : clock.millis() + pollInterval.toMillis() * Math.min(1L << (attempts - 1), 12);
        update(goApiReference, "SET attempts = :attempts, lastError = :error, #state = :state, #work = :work, #due = :due "
                        + "REMOVE leaseUntil",
                Map.of(":attempts", Item.n(attempts), ":error", Item.s(error.length() > 500 ? error.substring(0, 500) : error),
                        ":state", Item.s(failed ? FAILED : GENERATING), ":work", Item.s(failed ? ResultStore.FAILED : ZIP_POLL),
                        ":due", Item.n(due)));
        if (failed) {
            log.error("ARCHIVE_FAILED results zip of Go request {} after {} attempts: {}", goApiReference, attempts, error);
        } else {
            log.warn("results zip of Go request {}: attempt {} failed, retrying later: {}", goApiReference, attempts, error);
        }
    }

    private boolean claim(String goApiReference) {
        long now = clock.millis();
        try {
            update(goApiReference, "SET leaseUntil = :until",
                    Map.of(":until", Item.n(now + POLL_LEASE.toMillis()), ":now", Item.n(now), ":generating", Item.s(GENERATING)),
                    "#state = :generating AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)");
            return true;
        } catch (ConditionalCheckFailedException busy) {
            return false;
        }
    }

    private void update(String goApiReference, String expression, Map<String, AttributeValue> values) {
        update(goApiReference, expression, values, null);
    }

    private void update(String goApiReference, String expression, Map<String, AttributeValue> values, String condition) {
        Map<String, String> names = new HashMap<>();
        // Placeholders for attribute names DynamoDB reserves (state, size, total...) or that are ours (work, due).
        for (String name : new String[] {"state", "work", "due", "size", "complete", "total"}) {
            if (expression.contains("#" + name) || (condition != null && condition.contains("#" + name))) {
                names.put("#" + name, name.equals("work") ? WORK : name.equals("due") ? DUE_AT : name);
            }
        }
        dynamoDb.updateItem(request -> {
            request.tableName(table).key(TableKeys.key(TableKeys.goPartition(goApiReference), TableKeys.ZIP))
                    .updateExpression(expression).expressionAttributeValues(values);
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            if (condition != null) {
                request.conditionExpression(condition);
            }
        });
    }

    private Optional<Item> read(String goApiReference) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table)
                .key(TableKeys.key(TableKeys.goPartition(goApiReference), TableKeys.ZIP)).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private ZipJob view(Item item) {
        String zipKey = item.string("zipKey");
        boolean archived = ARCHIVED.equals(item.string("state"));
        return new ZipJob(item.string("goApiReference"), item.string("state"), item.string("jobToken"),
                item.string("requestedAt"), item.number("complete").map(Long::intValue).orElse(null),
                item.number("total").map(Long::intValue).orElse(null), (int) item.number("regenerations", 0), zipKey,
                item.string("sha256"), item.number("size").orElse(null), item.string("archivedAt"), item.string("lastError"),
                archived ? archive.presignedUrl(zipKey, linkValidity) : null);
    }
}
