package org.cloudcheckkit.go;

import static org.cloudcheckkit.store.TableKeys.DUE_AT;
import static org.cloudcheckkit.store.TableKeys.PK;
import static org.cloudcheckkit.store.TableKeys.REQUEST;
import static org.cloudcheckkit.store.TableKeys.SK;
import static org.cloudcheckkit.store.TableKeys.WORK;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.store.Item;
import org.cloudcheckkit.store.TableKeys;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Go requests in DynamoDB. The request item holds the recipient roster, so creating a request of any size is one
 * write; each recipient's status and archive live in their own item in the same partition, written as events come.
 */
public final class GoRequestStore {
    /** Marks items the reconciler should look at: open Go requests, pending Akahu sessions. */
    public static final String RECONCILE = "RECONCILE";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration reconcileInterval;

    public GoRequestStore(DynamoDbClient dynamoDb, String table, Clock clock, Duration reconcileInterval) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.reconcileInterval = reconcileInterval;
    }

    public void create(GoRequestRecord record) {
        Map<String, AttributeValue> roster = new HashMap<>();
        record.roster().forEach((token, entry) -> roster.put(token, rosterValue(entry)));
        Map<String, AttributeValue> item = Item.builder()
                .put(PK, TableKeys.goPartition(record.goApiReference()))
                .put(SK, REQUEST)
                .put("kind", "GO_REQUEST")
                .put("goApiReference", record.goApiReference())
                .put("reference", record.reference())
                .put("createdAt", record.createdAt().toString())
                .put("source", record.source())
                .put("callbackId", record.callbackId())
                .put("recipientCount", record.roster().size())
                .put("roster", AttributeValue.fromM(roster))
                .put(WORK, RECONCILE)
                .put(DUE_AT, clock.millis() + reconcileInterval.toMillis())
                .build();
        dynamoDb.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    public Optional<GoRequestRecord> find(String goApiReference) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table)
                .key(TableKeys.key(TableKeys.goPartition(goApiReference), REQUEST)).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(record(item));
    }

    public void addRecipient(String goApiReference, String recipientToken, String reference) {
        RosterEntry entry = new RosterEntry(recipientToken, reference, clock.instant().toString(), RosterEntry.State.ACTIVE, null);
        dynamoDb.updateItem(request -> request.tableName(table)
                .key(TableKeys.key(TableKeys.goPartition(goApiReference), REQUEST))
                .updateExpression("SET roster.#token = :entry ADD recipientCount :one")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeNames(Map.of("#token", recipientToken))
                .expressionAttributeValues(Map.of(":entry", rosterValue(entry), ":one", Item.n(1))));
    }

    /** An edit that changed the recipient's token: the old entry points at the new one, which joins the roster. */
    public void replaceRecipient(String goApiReference, String oldToken, String newToken, String reference) {
        RosterEntry entry = new RosterEntry(newToken, reference, clock.instant().toString(), RosterEntry.State.ACTIVE, null);
        dynamoDb.updateItem(request -> request.tableName(table)
                .key(TableKeys.key(TableKeys.goPartition(goApiReference), REQUEST))
                .updateExpression("SET roster.#new = :entry, roster.#old.#state = :replaced, roster.#old.replacedBy = :newToken")
                .conditionExpression("attribute_exists(roster.#old)")
                .expressionAttributeNames(Map.of("#new", newToken, "#old", oldToken, "#state", "state"))
                .expressionAttributeValues(Map.of(":entry", rosterValue(entry), ":replaced",
                        Item.s(RosterEntry.State.REPLACED.name()), ":newToken", Item.s(newToken))));
    }

    public void cancelRecipients(String goApiReference, List<String> recipientTokens) {
        if (recipientTokens.isEmpty()) {
            return;
        }
        Map<String, String> names = new HashMap<>();
        names.put("#state", "state");
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < recipientTokens.size(); i++) {
            names.put("#t" + i, recipientTokens.get(i));
            sets.add("roster.#t" + i + ".#state = :cancelled");
        }
        dynamoDb.updateItem(request -> request.tableName(table)
                .key(TableKeys.key(TableKeys.goPartition(goApiReference), REQUEST))
                .updateExpression("SET " + String.join(", ", sets))
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":cancelled", Item.s(RosterEntry.State.CANCELLED.name()))));
    }

    /** Every recipient item of a request (those that have had an event), by token. */
    public Map<String, RecipientState> recipientStates(String goApiReference) {
        Map<String, RecipientState> states = new LinkedHashMap<>();
        Map<String, AttributeValue> startKey = null;
        do {
            Map<String, AttributeValue> from = startKey;
            QueryResponse page = dynamoDb.query(request -> request.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Item.s(TableKeys.goPartition(goApiReference)),
                            ":prefix", Item.s(TableKeys.RECIPIENT_PREFIX)))
                    .exclusiveStartKey(from));
            for (Map<String, AttributeValue> raw : page.items()) {
                RecipientState state = RecipientItems.read(Item.of(raw));
                states.put(state.recipientToken(), state);
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return states;
    }

    /** A recipient item found by its token, through the ByToken index (so, eventually consistent). */
    public Optional<RecipientState> recipientByToken(String recipientToken) {
        QueryResponse found = dynamoDb.query(request -> request.tableName(table).indexName(TableKeys.BY_TOKEN_INDEX)
                .keyConditionExpression("tokenKey = :token")
                .expressionAttributeValues(Map.of(":token", Item.s(TableKeys.goTokenKey(recipientToken)))));
        return found.items().stream().findFirst().map(raw -> RecipientItems.read(Item.of(raw)));
    }

    private static AttributeValue rosterValue(RosterEntry entry) {
        return AttributeValue.fromM(Item.builder()
                .put("reference", entry.reference())
                .put("addedAt", entry.addedAt())
                .put("state", entry.state().name())
                .put("replacedBy", entry.replacedBy())
                .build());
    }

    private static GoRequestRecord record(Item item) {
        Map<String, RosterEntry> roster = new LinkedHashMap<>();
        item.map("roster").forEach((token, value) -> {
            Item entry = Item.of(value.m());
            roster.put(token, new RosterEntry(token, entry.string("reference"), entry.string("addedAt"),
                    RosterEntry.State.valueOf(entry.string("state")), entry.string("replacedBy")));
        });
        return new GoRequestRecord(item.string("goApiReference"), item.string("reference"),
                Instant.parse(item.string("createdAt")), item.string("source"), item.string("callbackId"), roster);
    }
}
