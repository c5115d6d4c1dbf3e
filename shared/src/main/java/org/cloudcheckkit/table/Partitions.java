package org.cloudcheckkit.table;

import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Reads the items of one partition, page by page as the caller consumes them. */
final class Partitions {
    private Partitions() {
    }

    /** Items of partition {@code pk} whose sort key begins with {@code prefix}; newest-last unless {@code backwards}. */
    static Stream<Item> items(DynamoDbClient dynamoDb, String table, String pk, String prefix, boolean backwards) {
        return dynamoDb.queryPaginator(request -> request.tableName(table).consistentRead(true)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", Item.s(pk), ":prefix", Item.s(prefix)))
                        .scanIndexForward(!backwards))
                .items().stream().map(Item::of);
    }
}
