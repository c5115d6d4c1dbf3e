package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Results zip jobs: one job per request at a time, polled under a lease, and every archived zip kept. */
public final class ZipJobs {
    private static final int MAX_ERROR_LENGTH = 500;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public ZipJobs(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Starts a job, due for its first poll at {@code firstPoll}, unless one is being generated already. The job token
     * comes later ({@link #jobStarted}); a poll that finds none asks Cloudcheck for one itself.
     *
     * @return true when this call started the job; false when one was being generated already
     */
    public boolean start(String goApiReference, Owner owner, Instant firstPoll) {
        Map<String, AttributeValue> item = Owners.put(Item.builder(), owner)
                .key(new ItemKey.ZipJob(goApiReference))
                .put(Attr.KIND, "GO_ZIP")
                .put(Attr.GO_API_REFERENCE, goApiReference)
                .put(Attr.STATE, ZipJobItem.GENERATING)
                .put(Attr.REQUESTED_AT, clock.instant().toString())
                .put(Attr.REGENERATIONS, 0)
                .put(Attr.ATTEMPTS, 0)
                .put(Attr.WORK, DueWork.ZIP_POLL.name())
                .put(Attr.DUE_AT, firstPoll.toEpochMilli())
                .build();
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    .conditionExpression("attribute_not_exists(pk) OR #state <> :generating")
                    .expressionAttributeNames(Map.of("#state", Attr.STATE))
                    .expressionAttributeValues(Map.of(":generating", Item.s(ZipJobItem.GENERATING))));
            return true;
        } catch (ConditionalCheckFailedException generating) {
            return false;
        }
    }

    /** Cloudcheck's job token for the job being generated (a first one, or a new one after the results changed). */
    public void jobStarted(String goApiReference, String jobToken, boolean regenerated, Instant nextPoll) {
        ItemUpdate update = ItemUpdate.of()
                .set(Attr.JOB_TOKEN, ":token", Item.s(jobToken))
                .work(DueWork.ZIP_POLL, nextPoll)
                .remove(Attr.LEASE_UNTIL).remove(Attr.COMPLETE).remove(Attr.TOTAL)
                .value(":generating", Item.s(ZipJobItem.GENERATING));
        if (regenerated) {
            update.setExpression(Attr.REGENERATIONS + " = " + Attr.REGENERATIONS + " + :one").value(":one", Item.n(1));
        }
        update.names("#state", Attr.STATE).apply(dynamoDb, table, new ItemKey.ZipJob(goApiReference), "#state = :generating");
    }

    public Optional<ZipJobItem> find(String goApiReference) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table)
                .key(Item.key(new ItemKey.ZipJob(goApiReference))).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(ZipJobItem.read(item));
    }

    /** Every zip archived for the request, newest first. */
    public List<ArchivedZipItem> archived(String goApiReference) {
        return Partitions.items(dynamoDb, table, new ItemKey.GoRequest(goApiReference).pk(), ItemKey.ARCHIVED_ZIP, true)
                .map(ArchivedZipItem::read).toList();
    }

    /** One poller at a time: the job is taken for {@code lease}, or false when it is not generating or taken. */
    public boolean claimPoll(String goApiReference, Duration lease) {
        long now = clock.millis();
        try {
            ItemUpdate.of()
                    .set(Attr.LEASE_UNTIL, ":until", Item.n(now + lease.toMillis()))
                    .names("#state", Attr.STATE)
                    .value(":now", Item.n(now)).value(":generating", Item.s(ZipJobItem.GENERATING))
                    .apply(dynamoDb, table, new ItemKey.ZipJob(goApiReference),
                            "#state = :generating AND (attribute_not_exists(#leaseUntil) OR #leaseUntil < :now)");
            return true;
        } catch (ConditionalCheckFailedException busy) {
            return false;
        }
    }

    /** Still being generated: how far, and the next poll. */
    public void progress(String goApiReference, int complete, int total, Instant nextPoll) {
        ItemUpdate.of()
                .set(Attr.COMPLETE, ":complete", Item.n(complete))
                .set(Attr.TOTAL, ":total", Item.n(total))
                .work(DueWork.ZIP_POLL, nextPoll)
                .remove(Attr.LEASE_UNTIL)
                .apply(dynamoDb, table, new ItemKey.ZipJob(goApiReference), "attribute_exists(pk)");
    }

    /** The zip is in S3: the job is ARCHIVED, and the zip kept in the request's list of archived zips. */
    public void markArchived(String goApiReference, String jobToken, String zipKey, String sha256, long size) {
        String now = clock.instant().toString();
        ItemKey.ArchivedZip archivedKey = ItemKey.ArchivedZip.of(goApiReference, now, jobToken);
        Put kept = Put.builder().tableName(table).item(Item.builder()
                .key(archivedKey)
                .put(Attr.KIND, "GO_ZIP_ARCHIVED")
                .put(Attr.GO_API_REFERENCE, goApiReference)
                .put(Attr.JOB_TOKEN, jobToken)
                .put(Attr.ZIP_KEY, zipKey)
                .put(Attr.SHA256, sha256)
                .put(Attr.SIZE, size)
                .put(Attr.ARCHIVED_AT, now)
                .build()).build();
        TransactWriteItem job = ItemUpdate.of()
                .set("#state", Attr.STATE, ":archived", Item.s(ZipJobItem.ARCHIVED))
                .set(Attr.ZIP_KEY, ":key", Item.s(zipKey))
                .set(Attr.SHA256, ":sha", Item.s(sha256))
                .set(Attr.SIZE, ":size", Item.n(size))
                .set(Attr.ARCHIVED_AT, ":at", Item.s(now))
                .set(Attr.ATTEMPTS, ":zero", Item.n(0))
                .remove(Attr.LEASE_UNTIL).remove(Attr.LAST_ERROR).noWork()
                .transactWrite(table, new ItemKey.ZipJob(goApiReference), "attribute_exists(pk)");
        Transactions.write(dynamoDb, List.of(TransactWriteItem.builder().put(kept).build(), job));
    }

    /** A failed poll, counted: retried after {@code retryIn}, or FAILED once {@code maxAttempts} are spent. */
    public Results.Failure recordFailure(String goApiReference, String error, int maxAttempts, IntFunction<Duration> retryIn) {
        int attempts = find(goApiReference).map(ZipJobItem::attempts).orElse(0) + 1;
        boolean failed = attempts >= maxAttempts;
        Instant now = clock.instant();
        ItemUpdate.of()
                .set(Attr.ATTEMPTS, ":attempts", Item.n(attempts))
                .set(Attr.LAST_ERROR, ":error", Item.s(error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error))
                .set("#state", Attr.STATE, ":state", Item.s(failed ? ZipJobItem.FAILED : ZipJobItem.GENERATING))
                .work(failed ? DueWork.FAILED : DueWork.ZIP_POLL, failed ? now : now.plus(retryIn.apply(attempts)))
                .remove(Attr.LEASE_UNTIL)
                .apply(dynamoDb, table, new ItemKey.ZipJob(goApiReference), "attribute_exists(pk)");
        return new Results.Failure(attempts, failed);
    }
}
