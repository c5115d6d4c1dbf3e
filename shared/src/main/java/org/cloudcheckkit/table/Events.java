package org.cloudcheckkit.table;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Records each accepted callback or webhook once (a conditional put on its key), which is all a receipt does before
 * answering: the table's stream hands the new event to the processor, so recording it is also queueing it.
 */
public final class Events {
    private final DynamoDbClient dynamoDb;
    private final String table;

    public Events(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return false when this event was recorded before (a duplicate, which changes nothing) */
    public boolean record(RecordedEvent event) {
        Map<String, AttributeValue> item = RecordedEvent.toItem(event);
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException duplicate) {
            return false;
        }
    }
}
