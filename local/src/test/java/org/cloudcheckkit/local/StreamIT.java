package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

/** The table stream as the consumers see it in the emulator, and the dead-letter queue they give up to. */
@ExtendWith(SharedLocalStack.class)
class StreamIT {

    @Test
    void recordsReachTheFunctionAsLambdasWireJsonAndAGivenUpBatchLandsInTheTemplatesQueue(LocalStack stack) {
        String table = stack.aws().physicalName("Table");
        String streamArn = stack.aws().tableStreamArn("Table");
        String queueUrl = stack.aws().queueUrl("DeadLetterQueue");
        assertTrue(stack.streamConsumers().stream().anyMatch(consumer -> consumer.describe().contains(queueUrl)),
                "the template's OnFailure destination resolved to the local queue");
        DynamoDbStreamSource source = new DynamoDbStreamSource(stack.aws().dynamoDbStreams(), streamArn,
                stack.aws().region().id(), false);
        String pk = "STREAM-IT#" + UUID.randomUUID();
        stack.aws().dynamoDb().putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("NOTE#1"), "count", AttributeValue.fromN("3"))));

        List<StreamRecord> records = FrontEnd.await("the put to reach the stream", Duration.ofSeconds(10), () -> {
            List<StreamRecord> read = source.poll().stream()
                    .filter(record -> record.json().path("dynamodb").path("Keys").path("pk").path("S").asText().equals(pk)).toList();
            return read.isEmpty() ? Optional.empty() : Optional.of(read);
        });

        JsonNode record = records.get(0).json();
        assertEquals("INSERT", record.path("eventName").asText());
        assertEquals("aws:dynamodb", record.path("eventSource").asText());
        assertEquals(streamArn, record.path("eventSourceARN").asText());
        assertEquals("3", record.path("dynamodb").path("NewImage").path("count").path("N").asText());
        assertTrue(record.path("dynamodb").path("ApproximateCreationDateTime").isNumber(), record.toString());
        assertEquals(records.get(0).sequenceNumber(), record.path("dynamodb").path("SequenceNumber").asText());

        StreamConsumer consumer = new StreamConsumer("StreamIT", "arn:aws:lambda:local:function:StreamIT", payload -> {
            throw new FunctionError("StreamIT", new IllegalStateException("always fails"));
        }, new FixedSource(records, streamArn), EventFilter.of(List.of()),
                new StreamConsumer.Settings(10, 0, true, Duration.ZERO, Duration.ZERO),
                Optional.of(FailureDestination.queue(stack.aws().sqs(), queueUrl)), Clock.systemUTC());
        consumer.pollOnce();

        List<Message> messages = stack.aws().sqs().receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(2)).messages();
        JsonNode info = messages.stream().map(message -> Json.parse(message.body()).path("DDBStreamBatchInfo"))
                .filter(batch -> batch.path("startSequenceNumber").asText().equals(records.get(0).sequenceNumber()))
                .findFirst().orElseThrow(() -> new AssertionError("no failure record in the queue: " + messages));
        assertEquals(records.get(0).shardId(), info.path("shardId").asText());
        assertEquals(streamArn, info.path("streamArn").asText());
    }

    /** Hands out the same records once. */
    private static final class FixedSource implements StreamSource {
        private List<StreamRecord> records;
        private final String streamArn;

        FixedSource(List<StreamRecord> records, String streamArn) {
            this.records = records;
            this.streamArn = streamArn;
        }

        @Override
        public List<StreamRecord> poll() {
            List<StreamRecord> once = records;
            records = List.of();
            return once;
        }

        @Override
        public String streamArn() {
            return streamArn;
        }
    }
}
