package org.cloudcheckkit.callbacks;

import java.util.HashMap;
import java.util.Map;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Records each accepted callback or webhook once (a conditional put on its key), which is all a receipt does before
 * answering: the table's stream hands the new event to the processor, so recording it is also queueing it.
 */
public final class EventLog {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public EventLog(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return false when this event was recorded before (a duplicate, which changes nothing) */
    public boolean record(String pk, String sk, Map<String, String> attributes) {
        Map<String, AttributeValue> item = new HashMap<>();
        attributes.forEach((name, value) -> {
            if (value != null) {
                item.put(name, Item.s(value));
            }
        });
        item.put(TableKeys.PK, Item.s(pk));
        item.put(TableKeys.SK, Item.s(sk));
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }
}
