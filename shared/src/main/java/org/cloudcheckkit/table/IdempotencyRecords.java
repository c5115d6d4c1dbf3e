package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/**
 * Idempotency-Keys in the table. A key is claimed with a conditional put, so two concurrent requests with one key
 * cannot both reach Cloudcheck; the answer is kept (with the table's TTL) so that a repeat gets it back.
 */
public final class IdempotencyRecords {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration keepFor;
    private final Duration lease;

    /**
     * @param keepFor how long a key and its answer are kept
     * @param lease   how long a claim may stay in progress; past it the first request is taken to have died
     */
    public IdempotencyRecords(DynamoDbClient dynamoDb, String table, Clock clock, Duration keepFor, Duration lease) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.keepFor = keepFor;
        this.lease = lease;
    }

    /** What claiming a key found: it was free (now ours), or the record already there (null if it vanished since). */
    public record Claim(boolean claimed, IdempotencyRecord existing) {
    }

    public Claim claim(String key, String requestHash) {
        long now = clock.millis();
        ItemKey.Idempotency itemKey = new ItemKey.Idempotency(key);
        Map<String, AttributeValue> item = Item.builder()
                .key(itemKey)
                .put(Attr.STATE, IdempotencyRecord.State.IN_PROGRESS.name())
                .put(Attr.REQUEST_HASH, requestHash)
                .put(Attr.LEASE_UNTIL, now + lease.toMillis())
                .put(Attr.EXPIRES_AT, (now + keepFor.toMillis()) / 1000)
                .build();
        try {
            dynamoDb.putItem(request -> request.tableName(table).item(item)
                    // An item past its TTL may not be deleted yet; it no longer counts.
                    .conditionExpression("attribute_not_exists(pk) OR " + Attr.EXPIRES_AT + " < :now")
                    .expressionAttributeValues(Map.of(":now", Item.n(now / 1000)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim(true, null);
        } catch (ConditionalCheckFailedException taken) {
            Item existing = taken.hasItem() ? Item.of(taken.item()) : read(itemKey);
            return new Claim(false, existing.isEmpty() ? null : IdempotencyRecord.read(itemKey, existing));
        }
    }

    public void complete(String key, int status, String body) {
        ItemUpdate.of()
                .set("#state", Attr.STATE, ":state", Item.s(IdempotencyRecord.State.COMPLETED.name()))
                .set(Attr.REPLY_STATUS, ":status", Item.n(status))
                .set(Attr.REPLY_BODY, ":body", Item.s(body))
                .remove(Attr.LEASE_UNTIL)
                .apply(dynamoDb, table, new ItemKey.Idempotency(key), null);
    }

    /** Nothing happened (Cloudcheck was unreachable, or refused before acting): the key may be used again. */
    public void release(String key) {
        dynamoDb.deleteItem(request -> request.tableName(table).key(Item.key(new ItemKey.Idempotency(key))));
    }

    public void markOutcomeUnknown(String key) {
        ItemUpdate.of()
                .set("#state", Attr.STATE, ":state", Item.s(IdempotencyRecord.State.OUTCOME_UNKNOWN.name()))
                .remove(Attr.LEASE_UNTIL)
                .apply(dynamoDb, table, new ItemKey.Idempotency(key), null);
    }

    public Optional<IdempotencyRecord> find(String key) {
        ItemKey.Idempotency itemKey = new ItemKey.Idempotency(key);
        Item item = read(itemKey);
        return item.isEmpty() ? Optional.empty() : Optional.of(IdempotencyRecord.read(itemKey, item));
    }

    private Item read(ItemKey.Idempotency key) {
        return Item.of(dynamoDb.getItem(request -> request.tableName(table).key(Item.key(key)).consistentRead(true)).item());
    }
}
