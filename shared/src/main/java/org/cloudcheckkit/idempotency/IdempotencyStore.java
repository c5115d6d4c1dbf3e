package org.cloudcheckkit.idempotency;

import static org.cloudcheckkit.store.TableKeys.EXPIRES_AT;
import static org.cloudcheckkit.store.TableKeys.PK;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Front ends' Idempotency-Keys in DynamoDB. A key is claimed with a conditional put, so two concurrent requests with
 * one key cannot both reach Cloudcheck; the answer is kept (with the table's TTL) so that a repeat gets it back.
 */
public final class IdempotencyStore {
    private static final String SK = "IDEMPOTENCY";
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final String OUTCOME_UNKNOWN = "OUTCOME_UNKNOWN";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration keepFor;
    private final Duration lease;

    /**
     * @param keepFor how long a key and its answer are kept
     * @param lease   how long a claim may stay in progress; past it the first request is taken to have died
     */
    public IdempotencyStore(DynamoDbClient dynamoDb, String table, Clock clock, Duration keepFor, Duration lease) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.keepFor = keepFor;
        this.lease = lease;
    }

    /** Claims the key for this request; empty when it was free, else the stored answer to replay. */
    public Optional<Reply> claim(String scope, String key, String requestHash) {
        long now = clock.millis();
        Map<String, AttributeValue> item = Item.builder()
                .put(PK, partition(scope, key))
                .put(TableKeys.SK, SK)
                .put("state", IN_PROGRESS)
                .put("requestHash", requestHash)
                .put("leaseUntil", now + lease.toMillis())
                .put(EXPIRES_AT, (now + keepFor.toMillis()) / 1000)
                .build();
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    // An item past its TTL may not be deleted yet; it no longer counts.
                    .conditionExpression("attribute_not_exists(pk) OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":now", Item.n(now / 1000)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            Item existing = taken.hasItem() ? Item.of(taken.item()) : read(scope, key);
            return Optional.of(replay(existing, requestHash, now));
        }
    }

    public void complete(String scope, String key, Reply reply) {
        dynamoDb.updateItem(request -> request.tableName(table).key(TableKeys.key(partition(scope, key), SK))
                .updateExpression("SET #state = :state, replyStatus = :status, replyBody = :body REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":state", Item.s(COMPLETED), ":status", Item.n(reply.status()),
                        ":body", Item.s(reply.body()))));
    }

    /** Nothing happened (Cloudcheck was unreachable, or refused before acting): the key may be used again. */
    public void release(String scope, String key) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(TableKeys.key(partition(scope, key), SK)));
    }

    public void markOutcomeUnknown(String scope, String key) {
        dynamoDb.updateItem(request -> request.tableName(table).key(TableKeys.key(partition(scope, key), SK))
                .updateExpression("SET #state = :state REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#state", "state"))
                .expressionAttributeValues(Map.of(":state", Item.s(OUTCOME_UNKNOWN))));
    }

    private Reply replay(Item existing, String requestHash, long now) {
        if (existing.isEmpty()) {
            // Deleted between our put and our read: the first request released it; ask the caller to try again.
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS,
                    "a request with this Idempotency-Key has just finished; send it again");
        }
        if (!requestHash.equals(existing.string("requestHash"))) {
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.DIFFERENT_REQUEST,
                    "this Idempotency-Key was used for a different request; use a new key for a new request");
        }
        String state = existing.string("state");
        if (COMPLETED.equals(state)) {
            return Reply.keep((int) existing.number("replyStatus", 200), existing.string("replyBody"));
        }
        if (IN_PROGRESS.equals(state) && existing.number("leaseUntil", 0) > now) {
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS,
                    "a request with this Idempotency-Key is still being served; send it again shortly");
        }
        throw new IdempotencyConflictException(IdempotencyConflictException.Reason.OUTCOME_UNKNOWN,
                "the first request with this Idempotency-Key reached Cloudcheck but its answer was lost, so it may have "
                        + "been acted on; check its state (e.g. GET /go/requests/{goApiReference}) before sending it again with a new key");
    }

    private Item read(String scope, String key) {
        return Item.of(dynamoDb.getItem(request -> request.tableName(table)
                .key(TableKeys.key(partition(scope, key), SK)).consistentRead(true)).item());
    }

    private static String partition(String scope, String key) {
        return "IDEMPOTENCY#" + scope + "#" + key;
    }
}
