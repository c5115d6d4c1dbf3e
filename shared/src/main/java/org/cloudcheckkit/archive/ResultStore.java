package org.cloudcheckkit.archive;

import static org.cloudcheckkit.store.TableKeys.DUE_AT;
import static org.cloudcheckkit.store.TableKeys.WORK;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.go.ArchiveState;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The DynamoDB side of turning results into evidence: statuses that only move forward (each change appended to the
 * history), an archive claimed by one worker at a time, and work that is due (a retry, a reconciliation) or failed,
 * findable through the sparse DueWork index.
 */
public final class ResultStore {
    /** Work marker: fetching or archiving this result failed and is to be tried again at dueAt. */
    public static final String RETRY = "RETRY";
    /** Work marker: attempts ran out; an operator re-drives it. dueAt is when it failed. */
    public static final String FAILED = "FAILED";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public ResultStore(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /**
     * Records a status if it ranks above the one stored (or none is), appending it to the history.
     * {@code identity} holds the attributes that make a new item whole (ids, tokenKey); they are set every time.
     *
     * @return true when the status moved forward, false when it was a repeat or out of order
     */
    public boolean recordStatus(Subject subject, String status, int rank, String source, Map<String, String> identity) {
        String now = clock.instant().toString();
        Map<String, String> names = new HashMap<>();
        Map<String, AttributeValue> values = new HashMap<>();
        StringBuilder set = new StringBuilder("SET #status = :status, statusRank = :rank, statusAt = :at, "
                + "history = list_append(if_not_exists(history, :empty), :change)");
        names.put("#status", "status");
        values.put(":status", Item.s(status));
        values.put(":rank", Item.n(rank));
        values.put(":at", Item.s(now));
        values.put(":empty", AttributeValue.fromL(List.of()));
        values.put(":change", AttributeValue.fromL(List.of(AttributeValue.fromM(
                Item.builder().put("status", status).put("at", now).put("source", source).build()))));
        int i = 0;
        for (Map.Entry<String, String> attribute : identity.entrySet()) {
            if (attribute.getValue() != null) {
                names.put("#id" + i, attribute.getKey());
                values.put(":id" + i, Item.s(attribute.getValue()));
                set.append(", #id").append(i).append(" = :id").append(i);
                i++;
            }
        }
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(subject.key())
                    .updateExpression(set.toString())
                    .conditionExpression("attribute_not_exists(statusRank) OR statusRank < :rank")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException notForward) {
            return false;
        }
    }

    public Item read(Subject subject) {
        return Item.of(dynamoDb.getItem(request -> request.tableName(table).key(subject.key()).consistentRead(true)).item());
    }

    /**
     * Claims the archiving of a result for {@code lease}: only one worker holds it at a time; a holder that dies
     * loses it when the lease runs out. An archived or failed result cannot be claimed.
     */
    public boolean claimArchive(Subject subject, Duration lease) {
        long now = clock.millis();
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(subject.key())
                    .updateExpression("SET archiveState = :archiving, leaseUntil = :until")
                    .conditionExpression("attribute_exists(pk) AND (attribute_not_exists(archiveState) OR archiveState IN (:pending, :archiving)) "
                            + "AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)")
                    .expressionAttributeValues(Map.of(":archiving", Item.s(ArchiveState.ARCHIVING),
                            ":pending", Item.s(ArchiveState.PENDING), ":until", Item.n(now + lease.toMillis()),
                            ":now", Item.n(now))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    public void markArchived(Subject subject, ArchivedObject pdf, ArchivedObject json) {
        dynamoDb.updateItem(request -> request.tableName(table).key(subject.key())
                .updateExpression("SET archiveState = :archived, pdfKey = :pdfKey, pdfSha256 = :pdfSha, jsonKey = :jsonKey, "
                        + "jsonSha256 = :jsonSha, archivedAt = :at, attempts = :zero "
                        + "REMOVE leaseUntil, archiveError, #work, #due")
                .expressionAttributeNames(Map.of("#work", WORK, "#due", DUE_AT))
                .expressionAttributeValues(Map.of(":archived", Item.s(ArchiveState.ARCHIVED), ":pdfKey", Item.s(pdf.key()),
                        ":pdfSha", Item.s(pdf.sha256()), ":jsonKey", Item.s(json.key()), ":jsonSha", Item.s(json.sha256()),
                        ":at", Item.s(clock.instant().toString()), ":zero", Item.n(0))));
    }

    /**
     * A failed attempt: counted, and either scheduled again after {@code retryIn} or, once {@code maxAttempts} are
     * spent, marked FAILED where an operator sees it and can re-drive it. The identity attributes make the item whole
     * when the failure is the first thing known about it.
     *
     * @return the attempts made so far, and whether the item is now FAILED
     */
    public Failure recordFailure(Subject subject, String error, int maxAttempts, java.util.function.IntFunction<Duration> retryIn,
                                 Map<String, String> identity) {
        Item current = read(subject);
        int attempts = (int) current.number("attempts", 0) + 1;
        boolean failed = attempts >= maxAttempts;
        long now = clock.millis();
        Map<String, String> names = new HashMap<>(Map.of("#work", WORK, "#due", DUE_AT));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":attempts", Item.n(attempts),
                ":error", Item.s(error.length() > 500 ? error.substring(0, 500) : error),
                ":work", Item.s(failed ? FAILED : RETRY),
                ":due", Item.n(failed ? now : now + retryIn.apply(attempts).toMillis())));
        StringBuilder set = new StringBuilder("SET attempts = :attempts, archiveError = :error, #work = :work, #due = :due");
        if (ArchiveState.ARCHIVING.equals(current.string("archiveState")) || failed) {
            set.append(", archiveState = :state");
            values.put(":state", Item.s(failed ? ArchiveState.FAILED : ArchiveState.PENDING));
        }
        int i = 0;
        for (Map.Entry<String, String> attribute : identity.entrySet()) {
            if (attribute.getValue() != null) {
                names.put("#id" + i, attribute.getKey());
                values.put(":id" + i, Item.s(attribute.getValue()));
                set.append(", #id").append(i).append(" = :id").append(i);
                i++;
            }
        }
        dynamoDb.updateItem(request -> request.tableName(table).key(subject.key())
                .updateExpression(set + " REMOVE leaseUntil")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
        return new Failure(attempts, failed);
    }

    public record Failure(int attempts, boolean failed) {
    }

    /** The result needs nothing more for now (not final yet, or nothing to do): any retry marker goes. */
    public void clearRetry(Subject subject) {
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(subject.key())
                    .updateExpression("SET attempts = :zero REMOVE #work, #due, archiveError")
                    .conditionExpression("attribute_exists(pk) AND #work = :retry")
                    .expressionAttributeNames(Map.of("#work", WORK, "#due", DUE_AT))
                    .expressionAttributeValues(Map.of(":zero", Item.n(0), ":retry", Item.s(RETRY))));
        } catch (ConditionalCheckFailedException nothingToClear) {
            // No retry was scheduled (or other work is, which stays).
        }
    }

    /** Items whose work of this kind is due, oldest first. */
    public List<Item> due(String work, int limit) {
        List<Item> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = dynamoDb.query(request -> request.tableName(table).indexName(TableKeys.DUE_WORK_INDEX)
                    .keyConditionExpression("#work = :work AND #due <= :now")
                    .expressionAttributeNames(Map.of("#work", WORK, "#due", DUE_AT))
                    .expressionAttributeValues(Map.of(":work", Item.s(work), ":now", Item.n(clock.millis())))
                    .limit(limit - items.size())
                    .exclusiveStartKey(from));
            page.items().forEach(raw -> items.add(Item.of(raw)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null && items.size() < limit);
        return items;
    }

    /** Moves work to a new due time, or clears it (null). */
    public void reschedule(Map<String, AttributeValue> key, String work, Long dueAt) {
        if (dueAt == null) {
            dynamoDb.updateItem(request -> request.tableName(table).key(key)
                    .updateExpression("REMOVE #work, #due")
                    .conditionExpression("#work = :work")
                    .expressionAttributeNames(Map.of("#work", WORK, "#due", DUE_AT))
                    .expressionAttributeValues(Map.of(":work", Item.s(work))));
            return;
        }
        dynamoDb.updateItem(request -> request.tableName(table).key(key)
                .updateExpression("SET #work = :work, #due = :due")
                .expressionAttributeNames(Map.of("#work", WORK, "#due", DUE_AT))
                .expressionAttributeValues(Map.of(":work", Item.s(work), ":due", Item.n(dueAt))));
    }

    /** Every FAILED item back to a retry due now, with its attempts reset. */
    public int redriveFailed() {
        int count = 0;
        List<Item> failed;
        do {
            failed = due(FAILED, 100);
            for (Item item : failed) {
                Map<String, AttributeValue> key = TableKeys.key(item.string(TableKeys.PK), item.string(TableKeys.SK));
                // A results zip goes back to polling; a result back to a retry.
                boolean zip = TableKeys.ZIP.equals(item.string(TableKeys.SK));
                dynamoDb.updateItem(request -> request.tableName(table).key(key)
                        .updateExpression(zip
                                ? "SET #work = :poll, #due = :now, attempts = :zero, #state = :generating"
                                : "SET #work = :retry, #due = :now, attempts = :zero, archiveState = :pending")
                        .conditionExpression("#work = :failed")
                        .expressionAttributeNames(zip ? Map.of("#work", WORK, "#due", DUE_AT, "#state", "state")
                                : Map.of("#work", WORK, "#due", DUE_AT))
                        .expressionAttributeValues(zip
                                ? Map.of(":poll", Item.s(ZipArchiver.ZIP_POLL), ":now", Item.n(clock.millis()),
                                        ":zero", Item.n(0), ":generating", Item.s(ZipArchiver.GENERATING), ":failed", Item.s(FAILED))
                                : Map.of(":retry", Item.s(RETRY), ":now", Item.n(clock.millis()),
                                        ":zero", Item.n(0), ":pending", Item.s(ArchiveState.PENDING), ":failed", Item.s(FAILED))));
                count++;
            }
        } while (failed.size() == 100);
        return count;
    }
}
