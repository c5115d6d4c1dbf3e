package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The due work of every item kind, through the sparse DueWork index: what is due, and moving it on. */
public final class WorkQueue {
    static final String INDEX = "DueWork";
    private static final Map<String, String> NAMES = Map.of("#work", Attr.WORK, "#due", Attr.DUE_AT);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public WorkQueue(DynamoDbClient dynamoDb, String table, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
    }

    /** Items with work of this kind due by now, longest overdue first. */
    public List<Item> due(DueWork work, int limit) {
        return query(work, clock.millis(), limit);
    }

    /** Every item with work of this kind, due or not. */
    List<Item> all(DueWork work, int limit) {
        return query(work, Long.MAX_VALUE, limit);
    }

    private List<Item> query(DueWork work, long until, int limit) {
        return dynamoDb.queryPaginator(request -> request.tableName(table).indexName(INDEX)
                        .keyConditionExpression("#work = :work AND #due <= :until")
                        .expressionAttributeNames(NAMES)
                        .expressionAttributeValues(Map.of(":work", Item.s(work.name()), ":until", Item.n(until)))
                        .limit(limit))
                .items().stream().limit(limit).map(Item::of).toList();
    }

    /** Sets the item's next work, whatever it had; the item must exist. */
    public void schedule(ItemKey key, DueWork work, Instant at) {
        dynamoDb.updateItem(request -> request.tableName(table).key(Item.key(key))
                .updateExpression("SET #work = :work, #due = :due")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(NAMES)
                .expressionAttributeValues(Map.of(":work", Item.s(work.name()), ":due", Item.n(at.toEpochMilli()))));
    }

    /** Moves work of kind {@code expected} to {@code next}; false when the item has other work (or none) by now. */
    public boolean reschedule(ItemKey key, DueWork expected, DueWork next, Instant at) {
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(Item.key(key))
                    .updateExpression("SET #work = :next, #due = :due")
                    .conditionExpression("#work = :expected")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":next", Item.s(next.name()), ":due", Item.n(at.toEpochMilli()),
                            ":expected", Item.s(expected.name()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** Clears work of kind {@code expected}; other work the item has by now stays. */
    public boolean clear(ItemKey key, DueWork expected) {
        try {
            dynamoDb.updateItem(request -> request.tableName(table).key(Item.key(key))
                    .updateExpression("REMOVE #work, #due")
                    .conditionExpression("#work = :expected")
                    .expressionAttributeNames(NAMES)
                    .expressionAttributeValues(Map.of(":expected", Item.s(expected.name()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /**
     * Every FAILED item back to work due now, attempts reset: a result to a retry (archive PENDING), a results zip
     * to polling (GENERATING). The operator's re-drive.
     */
    public int redriveFailed() {
        int count = 0;
        List<Item> failed;
        do {
            failed = all(DueWork.FAILED, 100);
            for (Item item : failed) {
                boolean zip = item.itemKey() instanceof ItemKey.ZipJob;
                try {
                    dynamoDb.updateItem(request -> request.tableName(table).key(Item.key(item.itemKey()))
                            .updateExpression("SET #work = :next, #due = :now, " + Attr.ATTEMPTS + " = :zero, #state = :state")
                            .conditionExpression("#work = :failed")
                            .expressionAttributeNames(Map.of("#work", Attr.WORK, "#due", Attr.DUE_AT,
                                    "#state", zip ? Attr.STATE : Attr.ARCHIVE_STATE))
                            .expressionAttributeValues(Map.of(
                                    ":next", Item.s((zip ? DueWork.ZIP_POLL : DueWork.RETRY).name()),
                                    ":now", Item.n(clock.millis()), ":zero", Item.n(0),
                                    ":state", Item.s(zip ? ZipJobItem.GENERATING : ArchiveState.PENDING),
                                    ":failed", Item.s(DueWork.FAILED.name()))));
                    count++;
                } catch (ConditionalCheckFailedException redrivenMeanwhile) {
                    // Another re-drive (or a fresh failure's own handling) moved it on already.
                }
            }
        } while (failed.size() == 100);
        return count;
    }
}
