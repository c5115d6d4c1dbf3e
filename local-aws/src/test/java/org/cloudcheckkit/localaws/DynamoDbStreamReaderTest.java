package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The table's stream, read from moto, comes out as the records Lambda would hand a function, in order, once each. */
class DynamoDbStreamReaderTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    @Test
    void newChangesArriveOnceInOrderAsLambdaRecords(LocalAws aws) {
        String table = aws.physicalName("Table");
        DynamoDbStreamReader reader = new DynamoDbStreamReader(aws.dynamoDbStreams(), aws.tableStreamArn("Table"),
                aws.region().id(), false);

        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("GO#g1"), "sk", AttributeValue.fromS("EVENT#t1#Sent"),
                "count", AttributeValue.fromN("3"),
                "history", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("status", AttributeValue.fromS("Sent"))))))));
        aws.dynamoDb().updateItem(r -> r.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("GO#g1"), "sk", AttributeValue.fromS("EVENT#t1#Sent")))
                .updateExpression("SET done = :yes").expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));

        List<DynamodbEvent.DynamodbStreamRecord> records = reader.poll();

        assertEquals(List.of("INSERT", "MODIFY"), records.stream().map(DynamodbEvent.DynamodbStreamRecord::getEventName).toList());
        DynamodbEvent.DynamodbStreamRecord insert = records.get(0);
        assertEquals("EVENT#t1#Sent", insert.getDynamodb().getKeys().get("sk").getS());
        assertEquals("3", insert.getDynamodb().getNewImage().get("count").getN());
        assertEquals("Sent", insert.getDynamodb().getNewImage().get("history").getL().get(0).getM().get("status").getS());
        assertEquals(Boolean.TRUE, records.get(1).getDynamodb().getNewImage().get("done").getBOOL());
        assertEquals("aws:dynamodb", insert.getEventSource());
        assertTrue(insert.getDynamodb().getSequenceNumber().compareTo(records.get(1).getDynamodb().getSequenceNumber()) < 0);
        assertTrue(reader.poll().isEmpty(), "a record is delivered once");
    }
}
