package org.cloudcheckkit.akahu;

import static org.cloudcheckkit.store.TableKeys.DUE_AT;
import static org.cloudcheckkit.store.TableKeys.PK;
import static org.cloudcheckkit.store.TableKeys.SESSION;
import static org.cloudcheckkit.store.TableKeys.SK;
import static org.cloudcheckkit.store.TableKeys.TOKEN_KEY;
import static org.cloudcheckkit.store.TableKeys.WORK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.go.GoRequestStore;
import org.cloudcheckkit.go.RecipientItems;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Akahu sessions in DynamoDB, keyed by the callback id in their notification URLs (so a callback finds its session
 * with a key read) and found from the token a front end holds through the ByToken index.
 */
public final class AkahuSessionStore {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration reconcileInterval;

    public AkahuSessionStore(DynamoDbClient dynamoDb, String table, Clock clock, Duration reconcileInterval) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.reconcileInterval = reconcileInterval;
    }

    public void create(String callbackId, String token, String reference) {
        Map<String, AttributeValue> item = Item.builder()
                .put(PK, TableKeys.akahuPartition(callbackId))
                .put(SK, SESSION)
                .put("kind", "AKAHU_SESSION")
                .put("callbackId", callbackId)
                .put("akahuToken", token)
                .put("reference", reference)
                .put("createdAt", clock.instant().toString())
                .put("status", "Pending")
                .put(TOKEN_KEY, TableKeys.akahuTokenKey(token))
                .put(WORK, GoRequestStore.RECONCILE)
                .put(DUE_AT, clock.millis() + reconcileInterval.toMillis())
                .build();
        dynamoDb.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    public Optional<AkahuSessionRecord> findByToken(String token) {
        var found = dynamoDb.query(request -> request.tableName(table).indexName(TableKeys.BY_TOKEN_INDEX)
                .keyConditionExpression("tokenKey = :token")
                .expressionAttributeValues(Map.of(":token", Item.s(TableKeys.akahuTokenKey(token)))));
        return found.items().stream().findFirst().map(raw -> record(Item.of(raw)));
    }

    public Optional<AkahuSessionRecord> findByCallbackId(String callbackId) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table)
                .key(TableKeys.key(TableKeys.akahuPartition(callbackId), SESSION)).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    static AkahuSessionRecord record(Item item) {
        return new AkahuSessionRecord(item.string("callbackId"), item.string("akahuToken"), item.string("reference"),
                Instant.parse(item.string("createdAt")), item.string("status"), RecipientItems.history(item),
                RecipientItems.archive(item));
    }
}
