package org.cloudcheckkit.table;

import java.time.Instant;
import java.util.Map;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What this service keeps of an Akahu session: ids, owner and status only; the customer's bank details stay with
 * Cloudcheck. Keyed by the callback id in its notification URL, so a callback finds it with a key read.
 */
public record AkahuSessionItem(String callbackId, String akahuToken, String reference, Instant createdAt, Owner owner,
                               ResultItem result) {

    public ItemKey.AkahuSession key() {
        return new ItemKey.AkahuSession(callbackId);
    }

    /** A new session: Pending, to be reconciled at {@code reconcileAt}. */
    static Map<String, AttributeValue> newItem(String callbackId, String akahuToken, String reference, Instant createdAt,
                                               Owner owner, String source, Instant reconcileAt) {
        return Owners.put(Item.builder(), owner)
                .key(new ItemKey.AkahuSession(callbackId))
                .put(Attr.KIND, "AKAHU_SESSION")
                .put(Attr.CALLBACK_ID, callbackId)
                .put(Attr.AKAHU_TOKEN, akahuToken)
                .put(Attr.REFERENCE, reference)
                .put(Attr.CREATED_AT, createdAt.toString())
                .put(Attr.SOURCE, source)
                .put(Attr.STATUS, "Pending")
                .put(Attr.TOKEN_KEY, ItemKey.AkahuSession.tokenKey(akahuToken))
                .put(Attr.WORK, DueWork.RECONCILE.name())
                .put(Attr.DUE_AT, reconcileAt.toEpochMilli())
                .build();
    }

    static AkahuSessionItem read(Item item) {
        ItemKey.AkahuSession key = new ItemKey.AkahuSession(item.string(Attr.CALLBACK_ID));
        return new AkahuSessionItem(item.string(Attr.CALLBACK_ID), item.string(Attr.AKAHU_TOKEN), item.string(Attr.REFERENCE),
                Instant.parse(item.string(Attr.CREATED_AT)), Owners.read(item), ResultItem.read(key, item));
    }
}
