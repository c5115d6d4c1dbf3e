package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Akahu sessions, keyed by the callback id in their notification URLs (so a callback finds its session with a key
 * read) and found from the token a front end holds through the ByToken index.
 */
public final class AkahuSessions {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration reconcileInterval;
    private final Intents intents;

    public AkahuSessions(DynamoDbClient dynamoDb, String table, Clock clock, Duration reconcileInterval, Intents intents) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.reconcileInterval = reconcileInterval;
        this.intents = intents;
    }

    /**
     * Records a session Cloudcheck started, and completes (or adopts) its intent - keyed by the same callback id - in
     * the same transaction.
     *
     * @return false when the session was recorded already
     */
    public boolean record(IntentItem intent, String akahuToken, IntentItem.State intentState) {
        Instant now = clock.instant();
        Map<String, AttributeValue> item = AkahuSessionItem.newItem(intent.callbackId(), akahuToken, intent.reference(),
                intentState == IntentItem.State.ADOPTED ? intent.createdAt() : now, intent.owner(),
                intentState == IntentItem.State.ADOPTED ? "adopted" : "initiate", now.plus(reconcileInterval));
        Put put = Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build();
        return Transactions.write(dynamoDb, List.of(TransactWriteItem.builder().put(put).build(),
                intents.completionWrite(intent.key(), intentState, new Intents.Outcome(null, null, akahuToken))));
    }

    public Optional<AkahuSessionItem> findByToken(String token) {
        var found = dynamoDb.query(request -> request.tableName(table).indexName(Attr.BY_TOKEN_INDEX)
                .keyConditionExpression(Attr.TOKEN_KEY + " = :token")
                .expressionAttributeValues(Map.of(":token", Item.s(ItemKey.AkahuSession.tokenKey(token)))));
        return found.items().stream().findFirst().map(raw -> AkahuSessionItem.read(Item.of(raw)));
    }

    public Optional<AkahuSessionItem> findByCallbackId(String callbackId) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table)
                .key(Item.key(new ItemKey.AkahuSession(callbackId))).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(AkahuSessionItem.read(item));
    }
}
