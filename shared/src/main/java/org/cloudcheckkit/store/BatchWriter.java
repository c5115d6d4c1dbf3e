package org.cloudcheckkit.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Puts many items with BatchWriteItem, 25 per request, and writes again whatever DynamoDB returns unprocessed
 * (throttling), with backoff, until all are written or the attempts run out.
 */
public final class BatchWriter {
    private static final int BATCH_SIZE = 25;
    private static final int MAX_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;

    public BatchWriter(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** @return the number of BatchWriteItem requests made */
    public int putAll(List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> items) {
        int requests = 0;
        for (int start = 0; start < items.size(); start += BATCH_SIZE) {
            List<WriteRequest> pending = new ArrayList<>();
            for (var item : items.subList(start, Math.min(items.size(), start + BATCH_SIZE))) {
                pending.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            for (int round = 1; !pending.isEmpty(); round++) {
                if (round > MAX_ROUNDS) {
                    throw new IllegalStateException(pending.size() + " items still unprocessed after " + MAX_ROUNDS + " rounds");
                }
                List<WriteRequest> batch = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(request -> request.requestItems(Map.of(table, batch)));
                requests++;
                pending = response.unprocessedItems().getOrDefault(table, List.of());
                if (!pending.isEmpty()) {
                    pause(Duration.ofMillis(50L << Math.min(round, 6)));
                }
            }
        }
        return requests;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying unprocessed items", e);
        }
    }
}
