package org.cloudcheckkit.table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems as the table's writers use it. */
final class Transactions {
    /** DynamoDB's limit of writes in one transaction. */
    static final int MAX_WRITES = 100;

    private Transactions() {
    }

    /** @return false when the first write's condition failed (the item is there already); other failures are thrown */
    static boolean write(DynamoDbClient dynamoDb, List<TransactWriteItem> writes) {
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            if (!reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code())
                    && reasons.stream().skip(1).allMatch(reason -> reason.code() == null || "None".equals(reason.code()))) {
                return false;
            }
            throw e;
        }
    }

    static TransactWriteItem putIfAbsent(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }

    /**
     * Puts each item unless one with its key exists: a hundred per transaction, and one by one for a batch in which
     * some item was there already (written meanwhile by another writer, whose item stands).
     */
    static void putAllIfAbsent(DynamoDbClient dynamoDb, String table, List<Map<String, AttributeValue>> items) {
        for (int start = 0; start < items.size(); start += MAX_WRITES) {
            List<Map<String, AttributeValue>> batch = items.subList(start, Math.min(items.size(), start + MAX_WRITES));
            List<TransactWriteItem> writes = new ArrayList<>(batch.size());
            batch.forEach(item -> writes.add(putIfAbsent(table, item)));
            try {
                dynamoDb.transactWriteItems(request -> request.transactItems(writes));
            } catch (TransactionCanceledException someExisted) {
                batch.forEach(item -> {
                    try {
                        dynamoDb.putItem(request -> request.tableName(table).item(item)
                                .conditionExpression("attribute_not_exists(pk)"));
                    } catch (ConditionalCheckFailedException existed) {
                        // Written meanwhile, by whoever made it first: that item stands.
                    }
                });
            }
        }
    }
}
