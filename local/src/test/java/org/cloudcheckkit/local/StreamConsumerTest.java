package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class StreamConsumerTest {

    private static final String SHARD = "shardId-1";
    private static final String STREAM = "arn:aws:dynamodb:ap-southeast-2:123456789012:table/t/stream/1";
    private static final Duration BACKOFF = Duration.ofMillis(200);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));
    private final List<StreamRecord> unread = new ArrayList<>();
    private final List<List<String>> batches = new ArrayList<>();
    private final List<String> failureRecords = new ArrayList<>();

    /** Records with sequence numbers 1..n; those whose sk starts "EVENT#" pass the template's kind of filter. */
    private static StreamRecord record(int sequence, String sk) {
        ObjectNode json = (ObjectNode) Json.parse("{\"eventName\":\"INSERT\",\"dynamodb\":{\"ApproximateCreationDateTime\":1795338000,"
                + "\"Keys\":{\"sk\":{\"S\":\"" + sk + "\"}},\"SequenceNumber\":\"" + sequence + "\"}}");
        return new StreamRecord(SHARD, Integer.toString(sequence), json);
    }

    private void add(int from, int to) {
        for (int sequence = from; sequence <= to; sequence++) {
            unread.add(record(sequence, "EVENT#" + sequence));
        }
    }

    /**
     * @param results what the function does with each batch (the sequence numbers it got): a JSON result, or null to throw
     */
    private StreamConsumer consumer(int batchSize, int maxRetries, boolean reportsFailures, String filter,
                                    Function<List<String>, String> results) {
        StreamSource source = new StreamSource() {
            @Override
            public List<StreamRecord> poll() {
                List<StreamRecord> read = List.copyOf(unread);
                unread.clear();
                return read;
            }

            @Override
            public String streamArn() {
                return STREAM;
            }
        };
        FunctionInvoker function = payload -> {
            List<String> sequences = new ArrayList<>();
            Json.parse(payload).path("Records").forEach(record -> sequences.add(record.path("dynamodb").path("SequenceNumber").asText()));
            batches.add(sequences);
            String result = results.apply(sequences);
            if (result == null) {
                throw new FunctionError("ArchiveFunction", new IllegalStateException("boom"));
            }
            return result;
        };
        return new StreamConsumer("ArchiveFunction.RecordedEvents", "arn:aws:lambda:ap-southeast-2:123456789012:function:f",
                function, source, EventFilter.of(filter == null ? List.of() : List.of(filter)),
                new StreamConsumer.Settings(batchSize, maxRetries, reportsFailures, BACKOFF, Duration.ofSeconds(5)),
                Optional.of(failureRecords::add), clock);
    }

    private static String failed(String... sequences) {
        StringBuilder json = new StringBuilder("{\"batchItemFailures\":[");
        for (int i = 0; i < sequences.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"itemIdentifier\":\"").append(sequences[i]).append("\"}");
        }
        return json.append("]}").toString();
    }

    /** Polls, then lets every pending backoff pass, until nothing is left or {@code rounds} is spent. */
    private void run(StreamConsumer consumer, int rounds) {
        for (int round = 0; round < rounds; round++) {
            consumer.pollOnce();
            clock.advance(Duration.ofSeconds(10));
        }
    }

    @Test
    void deliversInOrderInBatchesOfAtMostBatchSize() {
        StreamConsumer consumer = consumer(2, 10, true, null, batch -> "{\"batchItemFailures\":[]}");
        add(1, 5);

        consumer.pollOnce();

        assertEquals(List.of(List.of("1", "2"), List.of("3", "4"), List.of("5")), batches);
        assertEquals(0, consumer.pending());
    }

    @Test
    void recordsTheFilterRejectsAreNeverDelivered() {
        StreamConsumer consumer = consumer(10, 10, true,
                "{\"dynamodb\": {\"Keys\": {\"sk\": {\"S\": [{\"prefix\": \"EVENT#\"}]}}}}", batch -> "{}");
        unread.add(record(1, "EVENT#a"));
        unread.add(record(2, "REQUEST"));
        unread.add(record(3, "EVENT#b"));

        consumer.pollOnce();

        assertEquals(List.of(List.of("1", "3")), batches);
    }

    @Test
    void aReportedFailureIsRetriedFromTheLowestReportedSequenceNumberAfterABackoff() {
        List<String> results = new ArrayList<>(List.of(failed("4", "3"), "{\"batchItemFailures\":[]}"));
        StreamConsumer consumer = consumer(10, 10, true, null, batch -> results.remove(0));
        add(1, 4);

        consumer.pollOnce();
        assertEquals(List.of(List.of("1", "2", "3", "4")), batches);
        consumer.pollOnce();
        assertEquals(1, batches.size(), "no retry before the backoff has passed");

        clock.advance(BACKOFF);
        consumer.pollOnce();

        assertEquals(List.of("3", "4"), batches.get(1), "retried from 3, the lowest reported");
        assertEquals(0, consumer.pending());
        assertTrue(failureRecords.isEmpty());
    }

    @Test
    void aThrownErrorRetriesTheWholeBatchAndNewRecordsWaitBehindIt() {
        List<String> results = new ArrayList<>(java.util.Arrays.asList(null, "{}", "{}"));
        StreamConsumer consumer = consumer(2, 10, false, null, batch -> results.remove(0));
        add(1, 2);
        consumer.pollOnce();
        add(3, 3);

        run(consumer, 2);

        assertEquals(List.of(List.of("1", "2"), List.of("1", "2"), List.of("3")), batches);
    }

    @Test
    void anIdentifierNotInTheBatchFailsTheWholeBatch() {
        List<String> results = new ArrayList<>(List.of(failed("99"), "{}"));
        StreamConsumer consumer = consumer(10, 10, true, null, batch -> results.remove(0));
        add(1, 2);

        run(consumer, 2);

        assertEquals(List.of(List.of("1", "2"), List.of("1", "2")), batches);
    }

    @Test
    void withoutReportBatchItemFailuresTheResultIsNotRead() {
        StreamConsumer consumer = consumer(10, 10, false, null, batch -> failed(batch.get(0)));
        add(1, 2);

        run(consumer, 2);

        assertEquals(1, batches.size());
    }

    @Test
    void afterMaximumRetryAttemptsTheBatchGoesToTheFailureDestinationAndTheShardMovesOn() {
        StreamConsumer consumer = consumer(2, 2, true, null, batch -> batch.contains("1") ? null : "{}");
        add(1, 3);

        run(consumer, 4);

        assertEquals(List.of(List.of("1", "2"), List.of("1", "2"), List.of("1", "2"), List.of("3")), batches,
                "one invocation and two retries, then the next batch");
        assertEquals(1, failureRecords.size());
        JsonNode record = Json.parse(failureRecords.get(0));
        assertEquals("RetryAttemptsExhausted", record.path("requestContext").path("condition").asText());
        assertEquals(3, record.path("requestContext").path("approximateInvokeCount").asInt());
        assertEquals("Unhandled", record.path("responseContext").path("functionError").asText());
        JsonNode info = record.path("DDBStreamBatchInfo");
        assertEquals(SHARD, info.path("shardId").asText());
        assertEquals("1", info.path("startSequenceNumber").asText());
        assertEquals("2", info.path("endSequenceNumber").asText());
        assertEquals(2, info.path("batchSize").asInt());
        assertEquals(STREAM, info.path("streamArn").asText());
        assertEquals("2026-11-22T09:00:00Z", info.path("approximateArrivalOfFirstRecord").asText());
    }

    @Test
    void aPartialFailureThatExhaustsItsRetriesSendsOnlyTheRecordsFromTheCheckpoint() {
        StreamConsumer consumer = consumer(10, 1, true, null, batch -> failed("2"));
        add(1, 3);

        run(consumer, 3);

        JsonNode info = Json.parse(failureRecords.get(0)).path("DDBStreamBatchInfo");
        assertEquals("2", info.path("startSequenceNumber").asText());
        assertEquals("3", info.path("endSequenceNumber").asText());
        assertFalse(Json.parse(failureRecords.get(0)).path("responseContext").has("functionError"),
                "reported failures are no function error");
        assertEquals(0, consumer.pending());
    }

    @Test
    void minusOneRetriesWithoutLimit() {
        StreamConsumer consumer = consumer(10, -1, true, null, batch -> null);
        add(1, 1);

        run(consumer, 30);

        assertEquals(30, batches.size());
        assertTrue(failureRecords.isEmpty());
        assertEquals(1, consumer.pending());
    }

    @Test
    void backoffDoublesUpToItsCeiling() {
        StreamConsumer.Settings settings = new StreamConsumer.Settings(1, 10, false, BACKOFF, Duration.ofSeconds(1));

        assertEquals(Duration.ofMillis(200), settings.backoff(1));
        assertEquals(Duration.ofMillis(400), settings.backoff(2));
        assertEquals(Duration.ofMillis(800), settings.backoff(3));
        assertEquals(Duration.ofSeconds(1), settings.backoff(4));
    }
}
