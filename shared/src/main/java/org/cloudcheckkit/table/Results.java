package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * The state of results - Go recipients and Akahu sessions alike: statuses that only move forward (each change
 * appended to the history), an archive claimed under a lease by one worker at a time, and failures counted toward
 * FAILED with a retry scheduled on the DueWork index.
 */
public final class Results {
    private static final int MAX_ERROR_LENGTH = 500;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public Results(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** The result's item; empty when nothing was recorded for it yet. */
    public Optional<ResultItem> read(ItemKey.ResultKey key) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table).key(Item.key(key)).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(ResultItem.read(key, item));
    }

    /**
     * Records a status if it ranks above the one stored (or none is), appending it to the history. A Go recipient's
     * item is made whole (its ids, its ByToken entry, the caller's {@code reference} when known) as it is written.
     *
     * @return true when the status moved forward, false when it was a repeat or out of order
     */
    public boolean recordStatus(ItemKey.ResultKey key, String status, int rank, String source, String reference) {
        String now = clock.instant().toString();
        ItemUpdate update = ItemUpdate.identity(key, reference)
                .set("#status", Attr.STATUS, ":status", Item.s(status))
                .set(Attr.STATUS_RANK, ":rank", Item.n(rank))
                .set(Attr.STATUS_AT, ":at", Item.s(now))
                .value(":empty", AttributeValue.fromL(List.of()))
                .value(":change", AttributeValue.fromL(List.of(AttributeValue.fromM(Item.builder()
                        .put(Attr.STATUS, status).put(Attr.AT, now).put(Attr.SOURCE, source).build()))))
                .setExpression(Attr.HISTORY + " = list_append(if_not_exists(" + Attr.HISTORY + ", :empty), :change)");
        try {
            update.apply(dynamoDb, table, key, "attribute_not_exists(" + Attr.STATUS_RANK + ") OR " + Attr.STATUS_RANK + " < :rank");
            return true;
        } catch (ConditionalCheckFailedException notForward) {
            return false;
        }
    }

    /**
     * Adds a status Cloudcheck reported (a callback's) to the result's trail - whatever its order, even one this
     * service does not know: when the customer was contacted is evidence too. The current status is not changed; only
     * a fetched one moves it ({@link #recordStatus}).
     */
    public void recordReport(ItemKey.ResultKey key, String status, Instant at, String source) {
        ItemUpdate.identity(key, null)
                .value(":empty", AttributeValue.fromL(List.of()))
                .value(":change", AttributeValue.fromL(List.of(AttributeValue.fromM(Item.builder()
                        .put(Attr.STATUS, status).put(Attr.AT, at.toString()).put(Attr.SOURCE, source).build()))))
                .setExpression(Attr.HISTORY + " = list_append(if_not_exists(" + Attr.HISTORY + ", :empty), :change)")
                .apply(dynamoDb, table, key, null);
    }

    /** What a claim on a result's archive came to, and - when claimed - which version of the evidence to write. */
    public record Claim(Outcome outcome, int version) {
        static final Claim ARCHIVED = new Claim(Outcome.ARCHIVED, 0);
        static final Claim BUSY = new Claim(Outcome.BUSY, 0);
        static final Claim FAILED = new Claim(Outcome.FAILED, 0);

        public enum Outcome {
            /** This worker holds the lease now, for {@code version}. */
            CLAIMED,
            /** Archived already: nothing to do. */
            ARCHIVED,
            /** Another worker holds a lease that has not run out. */
            BUSY,
            /** FAILED already, or a lease that ran out was the last attempt: an operator re-drives it. */
            FAILED
        }
    }

    /**
     * Claims the archiving of a result for {@code lease}: only one worker holds it at a time, and the lease's end is
     * scheduled as due work, so a holder that dies (timeout, out of memory, killed) is noticed and its claim taken
     * over. Taking over a lease that ran out counts as a failed attempt: a result that kills every worker ends FAILED.
     */
    public Claim claimArchive(ItemKey.ResultKey key, String holder, Duration lease, int maxAttempts) {
        Item current = Item.of(dynamoDb.getItem(request -> request.tableName(table).key(Item.key(key)).consistentRead(true)).item());
        if (current.isEmpty()) {
            return Claim.BUSY;
        }
        String state = current.string(Attr.ARCHIVE_STATE);
        Instant now = clock.instant();
        long leaseUntil = current.number(Attr.LEASE_UNTIL, 0);
        if (ArchiveState.ARCHIVED.equals(state)) {
            return Claim.ARCHIVED;
        }
        if (ArchiveState.FAILED.equals(state)) {
            return Claim.FAILED;
        }
        boolean takeover = ArchiveState.ARCHIVING.equals(state);
        if (takeover && leaseUntil > now.toEpochMilli()) {
            return Claim.BUSY;
        }
        int attempts = current.integer(Attr.ATTEMPTS, 0) + (takeover ? 1 : 0);
        // Only what was just read may be replaced: a claim racing this one wins or loses as a whole.
        String seen = "attribute_exists(pk) AND " + (state == null ? "attribute_not_exists(" + Attr.ARCHIVE_STATE + ")"
                : Attr.ARCHIVE_STATE + " = :seenState") + " AND " + (leaseUntil == 0
                ? "attribute_not_exists(" + Attr.LEASE_UNTIL + ")" : Attr.LEASE_UNTIL + " = :seenLease");
        ItemUpdate update;
        if (takeover && attempts >= maxAttempts) {
            update = ItemUpdate.of()
                    .set(Attr.ARCHIVE_STATE, ":state", Item.s(ArchiveState.FAILED))
                    .set(Attr.ARCHIVE_ERROR, ":error", Item.s("the archive lease of " + current.string(Attr.LEASE_HOLDER)
                            + " ran out: the worker died or timed out"))
                    .work(DueWork.FAILED, now)
                    .remove(Attr.LEASE_HOLDER).remove(Attr.LEASE_UNTIL);
        } else {
            Instant until = now.plus(lease);
            update = ItemUpdate.of()
                    .set(Attr.ARCHIVE_STATE, ":state", Item.s(ArchiveState.ARCHIVING))
                    .set(Attr.LEASE_HOLDER, ":holder", Item.s(holder))
                    .set(Attr.LEASE_UNTIL, ":until", Item.n(until.toEpochMilli()))
                    .work(DueWork.ARCHIVE_LEASE, until);
        }
        update.set(Attr.ATTEMPTS, ":attempts", Item.n(attempts));
        if (state != null) {
            update.value(":seenState", Item.s(state));
        }
        if (leaseUntil != 0) {
            update.value(":seenLease", Item.n(leaseUntil));
        }
        try {
            update.apply(dynamoDb, table, key, seen);
        } catch (ConditionalCheckFailedException raced) {
            return Claim.BUSY;
        }
        return takeover && attempts >= maxAttempts ? Claim.FAILED : new Claim(Claim.Outcome.CLAIMED, versionToWrite(current));
    }

    /** The version being written: the one a new version's claim named, else the one after the last archived. */
    private static int versionToWrite(Item current) {
        return current.number(Attr.ARCHIVING_VERSION).map(Long::intValue)
                .orElseGet(() -> current.integer(Attr.VERSION, 0) + 1);
    }

    /**
     * Claims the writing of a new version of an archived result - it changed since (a review, a response after
     * expiry) - under the same lease as a first archive. Only one claim wins per version; the version archived stays
     * the one downloads give until the new one is written.
     */
    public Claim claimNewVersion(ItemKey.ResultKey key, String holder, Duration lease, int archivedVersion) {
        Instant until = clock.instant().plus(lease);
        try {
            ItemUpdate.of()
                    .set(Attr.ARCHIVE_STATE, ":state", Item.s(ArchiveState.ARCHIVING))
                    .set(Attr.LEASE_HOLDER, ":holder", Item.s(holder))
                    .set(Attr.LEASE_UNTIL, ":until", Item.n(until.toEpochMilli()))
                    .set(Attr.ARCHIVING_VERSION, ":next", Item.n(archivedVersion + 1))
                    .set(Attr.ATTEMPTS, ":zero", Item.n(0))
                    .work(DueWork.ARCHIVE_LEASE, until)
                    .names("#version", Attr.VERSION)
                    .value(":archived", Item.s(ArchiveState.ARCHIVED)).value(":version", Item.n(archivedVersion))
                    .apply(dynamoDb, table, key, "#archiveState = :archived AND (#version = :version"
                            + (archivedVersion == 1 ? " OR attribute_not_exists(#version))" : ")"));
            return new Claim(Claim.Outcome.CLAIMED, archivedVersion + 1);
        } catch (ConditionalCheckFailedException raced) {
            return Claim.BUSY;
        }
    }

    /**
     * A version of the evidence is written: it becomes the latest (what downloads give), joins the list of every
     * version with its hashes, time and reason, and the lease and any due work are cleared.
     */
    public void markArchived(ItemKey.ResultKey key, ArchivedVersion written) {
        try {
            ItemUpdate.of()
                .set(Attr.ARCHIVE_STATE, ":archived", Item.s(ArchiveState.ARCHIVED))
                .set(Attr.PDF_KEY, ":pdfKey", Item.s(written.pdfKey()))
                .set(Attr.PDF_SHA256, ":pdfSha", Item.s(written.pdfSha256()))
                .set(Attr.JSON_KEY, ":jsonKey", Item.s(written.jsonKey()))
                .set(Attr.JSON_SHA256, ":jsonSha", Item.s(written.jsonSha256()))
                .set(Attr.ARCHIVED_AT, ":at", Item.s(written.archivedAt()))
                .set(Attr.VERSION, ":version", Item.n(written.version()))
                .set(Attr.ATTEMPTS, ":zero", Item.n(0))
                .value(":none", AttributeValue.fromL(List.of()))
                .value(":written", AttributeValue.fromL(List.of(written.toAttribute())))
                .setExpression(Attr.VERSIONS + " = list_append(if_not_exists(" + Attr.VERSIONS + ", :none), :written)")
                .remove(Attr.LEASE_HOLDER).remove(Attr.LEASE_UNTIL).remove(Attr.ARCHIVE_ERROR).remove(Attr.ARCHIVING_VERSION)
                .noWork()
                .names("#version", Attr.VERSION).value(":before", Item.n(written.version()))
                .apply(dynamoDb, table, key, "attribute_exists(pk) AND (attribute_not_exists(#version) OR #version < :before)");
        } catch (ConditionalCheckFailedException alreadyWritten) {
            // A worker whose lease ran out finished this version too: the same objects, listed once.
        }
    }

    /** A failed attempt, as counted: the attempts so far, and whether the result is now FAILED. */
    public record Failure(int attempts, boolean failed) {
    }

    /**
     * A failed attempt: counted, and either scheduled again after {@code retryIn} or, once {@code maxAttempts} are
     * spent, marked FAILED where an operator sees it and can re-drive it. A Go recipient's item is made whole when the
     * failure is the first thing known about it.
     */
    public Failure recordFailure(ItemKey.ResultKey key, String error, int maxAttempts, IntFunction<Duration> retryIn) {
        Optional<ResultItem> current = read(key);
        int attempts = current.map(item -> item.archive() == null ? 0 : item.archive().attempts()).orElse(0) + 1;
        boolean failed = attempts >= maxAttempts;
        Instant now = clock.instant();
        String state = current.map(ResultItem::archive).map(ArchiveState::state).orElse(null);
        ItemUpdate update = ItemUpdate.identity(key, null)
                .set(Attr.ATTEMPTS, ":attempts", Item.n(attempts))
                .set(Attr.ARCHIVE_ERROR, ":error", Item.s(error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error))
                .work(failed ? DueWork.FAILED : DueWork.RETRY, failed ? now : now.plus(retryIn.apply(attempts)))
                .remove(Attr.LEASE_HOLDER).remove(Attr.LEASE_UNTIL);
        if (failed || ArchiveState.ARCHIVING.equals(state) || state == null) {
            update.set(Attr.ARCHIVE_STATE, ":state", Item.s(failed ? ArchiveState.FAILED : ArchiveState.PENDING));
        }
        update.apply(dynamoDb, table, key, null);
        return new Failure(attempts, failed);
    }

    /** The result needs nothing more for now (not final yet): a scheduled retry goes, and its count with it. */
    public void clearRetry(ItemKey.ResultKey key) {
        try {
            ItemUpdate.of().set(Attr.ATTEMPTS, ":zero", Item.n(0)).remove(Attr.ARCHIVE_ERROR).noWork()
                    .value(":retry", Item.s(DueWork.RETRY.name()))
                    .apply(dynamoDb, table, key, "attribute_exists(pk) AND #work = :retry");
        } catch (ConditionalCheckFailedException nothingToClear) {
            // No retry was scheduled (or other work is, which stays).
        }
    }
}
