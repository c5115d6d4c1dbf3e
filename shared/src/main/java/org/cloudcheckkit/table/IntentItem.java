package org.cloudcheckkit.table;

import java.time.Instant;
import java.util.Map;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A write-ahead intent: recorded before a call that may create something billable at Cloudcheck, completed with
 * Cloudcheck's identifiers once it answers. An intent still OPEN means the call may have been made and its answer
 * lost (a crash, a timeout): a callback carrying its callback id adopts what Cloudcheck made; past its time it turns
 * STALE, is counted, and is shown to its owner. Nothing is ever re-sent on its own.
 *
 * @param callbackId     the callback id the call's notification URL carries (for an added recipient: its request's)
 * @param goApiReference Cloudcheck's request: known from the start for an added recipient, else from the answer
 */
public record IntentItem(ItemKey.Intent key, Operation operation, Owner owner, String idempotencyKey, String reference,
                         String callbackId, String goApiReference, String recipientToken, String akahuToken,
                         Instant createdAt, State state, Instant completedAt) {

    /** The calls that may create something billable, and so are written ahead. */
    public enum Operation { GO_CREATE, GO_QUICKSEND, GO_ADD_RECIPIENT, AKAHU_INITIATE }

    public enum State {
        /** About to call, or called and not yet completed. */
        OPEN,
        /** Cloudcheck answered and its identifiers are recorded. */
        COMPLETED,
        /** The answer was lost, but a callback told us what Cloudcheck made, and it is recorded now. */
        ADOPTED,
        /** Cloudcheck refused, or was never reached: nothing was made. */
        NOT_MADE,
        /** Open past its time: the call's outcome is unknown. */
        STALE
    }

    public String intentId() {
        return key.intentId();
    }

    public boolean isOpen() {
        return state == State.OPEN || state == State.STALE;
    }

    Map<String, AttributeValue> toItem(Instant staleAt) {
        return Owners.put(Item.builder(), owner)
                .key(key)
                .put(Attr.KIND, "INTENT")
                .put(Attr.OPERATION, operation.name())
                .put(Attr.IDEMPOTENCY_KEY, idempotencyKey)
                .put(Attr.REFERENCE, reference)
                .put(Attr.CALLBACK_ID, callbackId)
                .put(Attr.GO_API_REFERENCE, goApiReference)
                .put(Attr.CREATED_AT, createdAt.toString())
                .put(Attr.STATE, state.name())
                .put(Attr.WORK, DueWork.INTENT_OPEN.name())
                .put(Attr.DUE_AT, staleAt.toEpochMilli())
                .build();
    }

    static IntentItem read(Item item) {
        ItemKey key = item.itemKey();
        return new IntentItem((ItemKey.Intent) key, Operation.valueOf(item.string(Attr.OPERATION)), Owners.read(item),
                item.string(Attr.IDEMPOTENCY_KEY), item.string(Attr.REFERENCE), item.string(Attr.CALLBACK_ID),
                item.string(Attr.GO_API_REFERENCE), item.string(Attr.RECIPIENT_TOKEN), item.string(Attr.AKAHU_TOKEN),
                Instant.parse(item.string(Attr.CREATED_AT)), State.valueOf(item.string(Attr.STATE)),
                item.string(Attr.COMPLETED_AT) == null ? null : Instant.parse(item.string(Attr.COMPLETED_AT)));
    }
}
