package org.cloudcheckkit.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads the whole table through the typed model and names every item left in a state that nothing will pick up:
 * a claimed archive without its lease on the DueWork index, a pending or failed one without its retry or failure, an
 * open intent nobody will look at, a zip being generated that nobody polls. (Test code in the model's package, so it
 * reads items as the model does.)
 */
public final class StateAudit {
    private StateAudit() {
    }

    /** Every item, typed; for assertions about what the table holds. */
    public static List<Item> items(DynamoDbClient dynamoDb, String table) {
        List<Item> items = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            ScanResponse page = dynamoDb.scan(request -> request.tableName(table).consistentRead(true).exclusiveStartKey(from));
            page.items().forEach(raw -> items.add(Item.of(raw)));
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return items;
    }

    /** Descriptions of stranded items; empty when every item's next step is scheduled or none is needed. */
    public static List<String> stranded(DynamoDbClient dynamoDb, String table) {
        List<String> stranded = new ArrayList<>();
        for (Item item : items(dynamoDb, table)) {
            ItemKey key = item.itemKey();
            DueWork work = ResultItem.work(item);
            String where = key.pk() + " " + key.sk();
            if (key instanceof ItemKey.ResultKey resultKey) {
                ArchiveState archive = ArchiveState.read(item);
                String state = archive == null ? null : archive.state();
                if (ArchiveState.ARCHIVING.equals(state) && work != DueWork.ARCHIVE_LEASE) {
                    stranded.add(where + ": archive claimed, but its lease's end is not due work (" + work + ")");
                } else if (ArchiveState.PENDING.equals(state) && work == null && !reconciled(dynamoDb, table, resultKey)) {
                    stranded.add(where + ": archive pending, with no retry and nothing reconciling it");
                } else if (ArchiveState.FAILED.equals(state) && work != DueWork.FAILED) {
                    stranded.add(where + ": archive failed, but not listed for re-drive (" + work + ")");
                }
            } else if (key instanceof ItemKey.Intent) {
                IntentItem intent = IntentItem.read(item);
                if (intent.state() == IntentItem.State.OPEN && work != DueWork.INTENT_OPEN
                        || intent.state() == IntentItem.State.STALE && work != DueWork.INTENT_STALE) {
                    stranded.add(where + ": intent " + intent.state() + " that nothing looks at (" + work + ")");
                }
            } else if (key instanceof ItemKey.ZipJob) {
                if (ZipJobItem.read(item).isGenerating() && work != DueWork.ZIP_POLL) {
                    stranded.add(where + ": zip being generated that nothing polls (" + work + ")");
                }
            }
        }
        return stranded;
    }

    /** A Go recipient is looked at by its request's reconciliation while that request is open. */
    private static boolean reconciled(DynamoDbClient dynamoDb, String table, ItemKey.ResultKey key) {
        if (!(key instanceof ItemKey.Recipient recipient)) {
            return false;
        }
        Item request = Item.of(dynamoDb.getItem(r -> r.tableName(table)
                .key(Item.key(new ItemKey.GoRequest(recipient.goApiReference()))).consistentRead(true)).item());
        return !request.isEmpty() && ResultItem.work(request) == DueWork.RECONCILE;
    }

    /** The intents in the table, typed. */
    public static List<IntentItem> intents(DynamoDbClient dynamoDb, String table) {
        return items(dynamoDb, table).stream().filter(item -> item.itemKey() instanceof ItemKey.Intent)
                .map(IntentItem::read).toList();
    }

    /** A result's stored state, typed. */
    public static ResultItem result(DynamoDbClient dynamoDb, String table, ItemKey.ResultKey key) {
        return new Results(dynamoDb, table, java.time.Clock.systemUTC()).read(key).orElse(null);
    }
}
