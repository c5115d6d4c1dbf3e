package org.cloudcheckkit.table;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** Write-ahead intents of billable calls: opened before the call, completed (or adopted) after it. */
public final class Intents {
    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration staleAfter;
    private final Duration adoptedShownFor;

    /**
     * @param staleAfter      how long an intent may stay open before it is counted as stale
     * @param adoptedShownFor how long an adopted intent is shown to its owner: as long as a repeat of its
     *                        Idempotency-Key is refused, so the caller can learn what its lost call made
     */
    public Intents(DynamoDbClient dynamoDb, String table, Clock clock, Duration staleAfter, Duration adoptedShownFor) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.staleAfter = staleAfter;
        this.adoptedShownFor = adoptedShownFor;
    }

    /** A new intent for a create, quick send or Akahu initiate, keyed by the callback id its call will carry. */
    public IntentItem open(IntentItem.Operation operation, String callbackId, Owner owner, String idempotencyKey,
                           String reference) {
        return put(new IntentItem(ItemKey.Intent.standalone(callbackId), operation, owner, idempotencyKey, reference,
                callbackId, null, null, null, clock.instant(), IntentItem.State.OPEN, null));
    }

    /** A new intent to add a recipient to a request, kept in the request's partition. */
    public IntentItem openAddRecipient(String goApiReference, String callbackId, String intentId, Owner owner,
                                       String idempotencyKey, String reference) {
        return put(new IntentItem(ItemKey.Intent.ofRequest(goApiReference, intentId), IntentItem.Operation.GO_ADD_RECIPIENT,
                owner, idempotencyKey, reference, callbackId, goApiReference, null, null, clock.instant(),
                IntentItem.State.OPEN, null));
    }

    private IntentItem put(IntentItem intent) {
        Map<String, AttributeValue> item = intent.toItem(intent.createdAt().plus(staleAfter));
        dynamoDb.putItem(request -> request.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
        return intent;
    }

    public Optional<IntentItem> find(ItemKey.Intent key) {
        Item item = Item.of(dynamoDb.getItem(request -> request.tableName(table).key(Item.key(key)).consistentRead(true)).item());
        return item.isEmpty() ? Optional.empty() : Optional.of(IntentItem.read(item));
    }

    /** The intent of a create, quick send or Akahu initiate whose call carried this callback id. */
    public Optional<IntentItem> findByCallbackId(String callbackId) {
        return find(ItemKey.Intent.standalone(callbackId));
    }

    /** Add-recipient intents of a request that are still open (or stale). */
    public List<IntentItem> openForRequest(String goApiReference) {
        return Partitions.items(dynamoDb, table, new ItemKey.GoRequest(goApiReference).pk(), ItemKey.INTENT, false)
                .map(IntentItem::read).filter(IntentItem::isOpen).toList();
    }

    /** Completes an intent on its own (Cloudcheck refused, so nothing was made; or a late completion). */
    public void close(ItemKey.Intent key, IntentItem.State state, Outcome outcome) {
        completion(key, state, outcome).apply(dynamoDb, table, key, "attribute_exists(pk)");
    }

    /** The same completion, as one write of a transaction that also records what the call made. */
    TransactWriteItem completionWrite(ItemKey.Intent key, IntentItem.State state, Outcome outcome) {
        return completion(key, state, outcome).transactWrite(table, key, "attribute_exists(pk)");
    }

    private ItemUpdate completion(ItemKey.Intent key, IntentItem.State state, Outcome outcome) {
        Instant now = clock.instant();
        ItemUpdate update = ItemUpdate.of()
                .set("#state", Attr.STATE, ":state", Item.s(state.name()))
                .set(Attr.COMPLETED_AT, ":completedAt", Item.s(now.toString()));
        if (state == IntentItem.State.ADOPTED) {
            update.work(DueWork.INTENT_ADOPTED, now.plus(adoptedShownFor));
        } else {
            update.noWork();
        }
        outcomeAttributes(update, outcome);
        return update;
    }

    private static void outcomeAttributes(ItemUpdate update, Outcome outcome) {
        if (outcome.goApiReference() != null) {
            update.set(Attr.GO_API_REFERENCE, ":goApiReference", Item.s(outcome.goApiReference()));
        }
        if (outcome.recipientToken() != null) {
            update.set(Attr.RECIPIENT_TOKEN, ":recipientToken", Item.s(outcome.recipientToken()));
        }
        if (outcome.akahuToken() != null) {
            update.set(Attr.AKAHU_TOKEN, ":akahuToken", Item.s(outcome.akahuToken()));
        }
    }

    /** Cloudcheck's identifiers kept on an intent left open (what it made could not be recorded), for adoption. */
    public void noteOutcome(ItemKey.Intent key, Outcome outcome) {
        ItemUpdate update = ItemUpdate.of();
        outcomeAttributes(update, outcome);
        update.apply(dynamoDb, table, key, "attribute_exists(pk)");
    }

    /** What a call made at Cloudcheck, as far as it is known (nulls for what it did not make). */
    public record Outcome(String goApiReference, String recipientToken, String akahuToken) {
        public static final Outcome NOTHING = new Outcome(null, null, null);
    }

    /** An open intent past its time: STALE, looked at again at {@code nextLook}. False if it was completed meanwhile. */
    public boolean markStale(ItemKey.Intent key, Instant nextLook) {
        try {
            ItemUpdate.of()
                    .set("#state", Attr.STATE, ":stale", Item.s(IntentItem.State.STALE.name()))
                    .work(DueWork.INTENT_STALE, nextLook)
                    .value(":open", Item.s(IntentItem.State.OPEN.name()))
                    .apply(dynamoDb, table, key, "#state IN (:open, :stale)");
            return true;
        } catch (ConditionalCheckFailedException completed) {
            return false;
        }
    }

    /**
     * One owner's intents whose outcome it may not know: open, stale, or adopted (what Cloudcheck made is known
     * now, but the caller never got its answer), oldest first.
     */
    public List<IntentItem> shownTo(Owner owner, int limit) {
        List<IntentItem> found = new ArrayList<>();
        for (DueWork kind : new DueWork[] {DueWork.INTENT_STALE, DueWork.INTENT_OPEN, DueWork.INTENT_ADOPTED}) {
            dynamoDb.queryPaginator(request -> request.tableName(table).indexName(WorkQueue.INDEX)
                            .keyConditionExpression("#work = :work")
                            .filterExpression("#owner = :owner")
                            .expressionAttributeNames(Map.of("#work", Attr.WORK, "#owner", Attr.OWNER))
                            .expressionAttributeValues(Map.of(":work", Item.s(kind.name()), ":owner", Item.s(owner.subject()))))
                    .items().stream().map(raw -> IntentItem.read(Item.of(raw)))
                    .filter(intent -> owner.equals(intent.owner())).limit(limit).forEach(found::add);
        }
        found.sort(Comparator.comparing(IntentItem::createdAt));
        return found.size() > limit ? found.subList(0, limit) : found;
    }
}
