package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Go requests: the request item with its roster, and its recipients' result items in the same partition. A
 * request is recorded together with the completion of the intent that made it, in one transaction.
 */
public final class GoRequests {
    /**
     * Roster entries changed per UpdateItem: each costs about 30 characters of expression, and DynamoDB refuses an
     * expression over 4 KB.
     */
    static final int ROSTER_CHANGES_PER_WRITE = 50;
    /** Requests whose bindings an instance keeps: a burst's callbacks name a few requests, each many times. */
    static final int KNOWN_REQUESTS = 256;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration reconcileInterval;
    private final Intents intents;
    private final KnownBindings known = new KnownBindings(KNOWN_REQUESTS);

    public GoRequests(DynamoDbClient dynamoDb, String table, Clock clock, Duration reconcileInterval, Intents intents) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.reconcileInterval = reconcileInterval;
        this.intents = intents;
    }

    /**
     * Records a request Cloudcheck made, and completes (or adopts) its intent in the same transaction. Its recipients'
     * items are made first, so a crash between the two leaves items a token can be traced by, never a request whose
     * tokens lead nowhere.
     *
     * @return false when the request was recorded already (adopted by a callback meanwhile, say)
     */
    public boolean record(GoRequestItem request, ItemKey.Intent intent, IntentItem.State intentState) {
        createRecipients(request.goApiReference(), request.roster().values(), request.owner());
        Map<String, AttributeValue> item = request.toItem(DueWork.RECONCILE, clock.instant().plus(reconcileInterval));
        Put put = Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(put).build());
        writes.add(intents.completionWrite(intent, intentState, new Intents.Outcome(request.goApiReference(), null, null)));
        return Transactions.write(dynamoDb, writes);
    }

    public Optional<GoRequestItem> find(String goApiReference) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table)
                .key(Item.key(new ItemKey.GoRequest(goApiReference))).consistentRead(true)).item());
        if (item.isEmpty()) {
            return Optional.empty();
        }
        GoRequestItem request = GoRequestItem.read(item);
        known.learn(request);
        return Optional.of(request);
    }

    /**
     * True when a read of this request by this instance showed it made with {@code callbackId} and {@code
     * recipientToken} on its roster ({@link KnownBindings}: that stays true), answered without a read. False says
     * only that it is not known here: the caller reads the request ({@link #find}).
     */
    public boolean knownBinding(String goApiReference, String callbackId, String recipientToken) {
        return known.binds(goApiReference, callbackId, recipientToken);
    }

    /** A recipient Cloudcheck added, joined to the roster with the completion of its intent. */
    public void addRecipient(String goApiReference, RosterEntry entry, Owner owner, ItemKey.Intent intent) {
        createRecipients(goApiReference, List.of(entry), owner);
        TransactWriteItem roster = ItemUpdate.of()
                .names("#token", entry.recipientToken())
                .value(":entry", GoRequestItem.rosterValue(entry))
                .setExpression(Attr.ROSTER + ".#token = :entry")
                .setExpression(Attr.RECIPIENT_COUNT + " = " + Attr.RECIPIENT_COUNT + " + :one")
                .value(":one", Item.n(1))
                .transactWrite(table, new ItemKey.GoRequest(goApiReference), "attribute_exists(pk)");
        Transactions.write(dynamoDb, List.of(roster, intents.completionWrite(intent, IntentItem.State.COMPLETED,
                new Intents.Outcome(goApiReference, entry.recipientToken(), null))));
    }

    /**
     * Recipients Cloudcheck knows for this request that the roster does not (an add-recipient whose answer was
     * lost): joined as active; entries already there stay as they are.
     */
    public void adoptRecipients(String goApiReference, List<RosterEntry> entries, Owner owner) {
        createRecipients(goApiReference, entries, owner);
        for (int start = 0; start < entries.size(); start += ROSTER_CHANGES_PER_WRITE) {
            ItemUpdate update = ItemUpdate.of();
            List<RosterEntry> chunk = entries.subList(start, Math.min(entries.size(), start + ROSTER_CHANGES_PER_WRITE));
            for (int i = 0; i < chunk.size(); i++) {
                update.names("#t" + i, chunk.get(i).recipientToken())
                        .value(":e" + i, GoRequestItem.rosterValue(chunk.get(i)))
                        .setExpression(Attr.ROSTER + ".#t" + i + " = if_not_exists(" + Attr.ROSTER + ".#t" + i + ", :e" + i + ")");
            }
            update.apply(dynamoDb, table, new ItemKey.GoRequest(goApiReference), "attribute_exists(pk)");
        }
    }

    /** An edit that changed the recipient's token: the old entry points at the new one, which joins the roster. */
    public void replaceRecipient(String goApiReference, String oldToken, RosterEntry replacement, Owner owner) {
        createRecipients(goApiReference, List.of(replacement), owner);
        ItemUpdate.of()
                .names("#new", replacement.recipientToken()).names("#old", oldToken)
                .names("#state", Attr.STATE).names("#replacedBy", Attr.REPLACED_BY)
                .value(":entry", GoRequestItem.rosterValue(replacement))
                .value(":replaced", Item.s(RosterEntry.State.REPLACED.name()))
                .value(":newToken", Item.s(replacement.recipientToken()))
                .setExpression(Attr.ROSTER + ".#new = :entry")
                .setExpression(Attr.ROSTER + ".#old.#state = :replaced")
                .setExpression(Attr.ROSTER + ".#old.#replacedBy = :newToken")
                .apply(dynamoDb, table, new ItemKey.GoRequest(goApiReference), "attribute_exists(" + Attr.ROSTER + ".#old)");
    }

    private void createRecipients(String goApiReference, Collection<RosterEntry> entries, Owner owner) {
        Transactions.putAllIfAbsent(dynamoDb, table, entries.stream()
                .map(entry -> GoRequestItem.recipientItem(goApiReference, entry, owner)).toList());
    }

    /** Marks recipients cancelled, any number of them, a bounded number per write. */
    public void cancelRecipients(String goApiReference, List<String> recipientTokens) {
        for (int start = 0; start < recipientTokens.size(); start += ROSTER_CHANGES_PER_WRITE) {
            List<String> chunk = recipientTokens.subList(start, Math.min(recipientTokens.size(), start + ROSTER_CHANGES_PER_WRITE));
            ItemUpdate update = ItemUpdate.of().names("#state", Attr.STATE)
                    .value(":cancelled", Item.s(RosterEntry.State.CANCELLED.name()));
            for (int i = 0; i < chunk.size(); i++) {
                update.names("#t" + i, chunk.get(i)).setExpression(Attr.ROSTER + ".#t" + i + ".#state = :cancelled");
            }
            update.apply(dynamoDb, table, new ItemKey.GoRequest(goApiReference), "attribute_exists(pk)");
        }
    }

    /** Every recipient item of a request (those that have had an event), by token. */
    public Map<String, ResultItem> recipients(String goApiReference) {
        Map<String, ResultItem> states = new LinkedHashMap<>();
        Partitions.items(dynamoDb, table, new ItemKey.GoRequest(goApiReference).pk(), ItemKey.RECIPIENT, false).forEach(item -> {
            ItemKey.Recipient key = (ItemKey.Recipient) item.itemKey();
            states.put(key.recipientToken(), ResultItem.read(key, item));
        });
        return states;
    }

    /** A recipient item found by its token, through the ByToken index (so, eventually consistent). */
    public Optional<ResultItem> recipientByToken(String recipientToken) {
        QueryResponse found = dynamoDb.query(request -> request.tableName(table).indexName(Attr.BY_TOKEN_INDEX)
                .keyConditionExpression(Attr.TOKEN_KEY + " = :token")
                .expressionAttributeValues(Map.of(":token", Item.s(ItemKey.Recipient.tokenKey(recipientToken)))));
        return found.items().stream().findFirst().map(raw -> {
            Item item = Item.of(raw);
            return ResultItem.read((ItemKey.Recipient) item.itemKey(), item);
        });
    }
}
