package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

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

    @Test
    void changesAfterACancelledTransactionStillArrive(LocalAws aws) {
        // moto rolls a cancelled transaction back by putting a copy of the table in its place, stream and all: an
        // iterator into the old stream would read nothing more, and the local stack would stop archiving.
        String table = aws.physicalName("Table");
        DynamoDbStreamReader reader = new DynamoDbStreamReader(aws.dynamoDbStreams(), aws.tableStreamArn("Table"),
                aws.region().id(), false);
        Map<String, AttributeValue> first = Map.of("pk", AttributeValue.fromS("GO#rollback"), "sk", AttributeValue.fromS("EVENT#1"));
        aws.dynamoDb().putItem(r -> r.tableName(table).item(first));
        assertEquals(1, reader.poll().size());

        assertThrows(TransactionCanceledException.class, () -> aws.dynamoDb().transactWriteItems(r -> r.transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName(table).item(first)
                        .conditionExpression("attribute_not_exists(pk)").build()).build())));
        assertTrue(reader.poll().isEmpty(), "nothing was written");
        aws.dynamoDb().putItem(r -> r.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("GO#rollback"), "sk", AttributeValue.fromS("EVENT#2"))));

        List<DynamodbEvent.DynamodbStreamRecord> records = reader.poll();
        assertEquals(List.of("EVENT#2"), records.stream().map(record -> record.getDynamodb().getKeys().get("sk").getS()).toList());
        assertTrue(reader.poll().isEmpty(), "a record is delivered once");
    }
}
