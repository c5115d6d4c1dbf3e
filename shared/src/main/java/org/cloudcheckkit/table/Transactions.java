package org.cloudcheckkit.table;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems where the first write is the one whose condition may fail on purpose. */
final class Transactions {
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
}
