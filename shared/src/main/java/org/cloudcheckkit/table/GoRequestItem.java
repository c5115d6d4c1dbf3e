package org.cloudcheckkit.table;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What this service keeps of a Go request: Cloudcheck's reference, the caller's, when it was made, where from
 * (create, quicksend, or adopted from an intent), whose it is, the id its callback URL carries, and its
 * recipient roster - one item, so creating a request of any size is one write.
 */
public record GoRequestItem(String goApiReference, String reference, Instant createdAt, String source, String callbackId,
                            Owner owner, Map<String, RosterEntry> roster) {

    public ItemKey.GoRequest key() {
        return new ItemKey.GoRequest(goApiReference);
    }

    public long activeRecipients() {
        return roster.values().stream().filter(entry -> entry.state() == RosterEntry.State.ACTIVE).count();
    }

    Map<String, AttributeValue> toItem(DueWork work, Instant dueAt) {
        Map<String, AttributeValue> entries = new LinkedHashMap<>();
        roster.forEach((token, entry) -> entries.put(token, rosterValue(entry)));
        return Owners.put(Item.builder(), owner)
                .key(key())
                .put(Attr.KIND, "GO_REQUEST")
                .put(Attr.GO_API_REFERENCE, goApiReference)
                .put(Attr.REFERENCE, reference)
                .put(Attr.CREATED_AT, createdAt.toString())
                .put(Attr.SOURCE, source)
                .put(Attr.CALLBACK_ID, callbackId)
                .put(Attr.RECIPIENT_COUNT, roster.size())
                .put(Attr.ROSTER, AttributeValue.fromM(entries))
                .put(Attr.WORK, work.name())
                .put(Attr.DUE_AT, dueAt.toEpochMilli())
                .build();
    }

    static GoRequestItem read(Item item) {
        Map<String, RosterEntry> roster = new LinkedHashMap<>();
        item.map(Attr.ROSTER).forEach((token, value) -> {
            Item entry = Item.of(value.m());
            roster.put(token, new RosterEntry(token, entry.string(Attr.REFERENCE), entry.string(Attr.ADDED_AT),
                    RosterEntry.State.valueOf(entry.string(Attr.STATE)), entry.string(Attr.REPLACED_BY)));
        });
        return new GoRequestItem(item.string(Attr.GO_API_REFERENCE), item.string(Attr.REFERENCE),
                Instant.parse(item.string(Attr.CREATED_AT)), item.string(Attr.SOURCE), item.string(Attr.CALLBACK_ID),
                Owners.read(item), roster);
    }

    /**
     * A recipient's own item, as its roster entry is made: ids, ByToken entry and owner, no status yet - so a front
     * end's token finds its request and owner before any callback, and a token this service did not issue finds none.
     */
    static Map<String, AttributeValue> recipientItem(String goApiReference, RosterEntry entry, Owner owner) {
        return Owners.put(Item.builder(), owner)
                .key(new ItemKey.Recipient(goApiReference, entry.recipientToken()))
                .put(Attr.KIND, "GO_RECIPIENT")
                .put(Attr.GO_API_REFERENCE, goApiReference)
                .put(Attr.RECIPIENT_TOKEN, entry.recipientToken())
                .put(Attr.REFERENCE, entry.reference())
                .put(Attr.TOKEN_KEY, ItemKey.Recipient.tokenKey(entry.recipientToken()))
                .build();
    }

    static AttributeValue rosterValue(RosterEntry entry) {
        return AttributeValue.fromM(Item.builder()
                .put(Attr.REFERENCE, entry.reference())
                .put(Attr.ADDED_AT, entry.addedAt())
                .put(Attr.STATE, entry.state().name())
                .put(Attr.REPLACED_BY, entry.replacedBy())
                .build());
    }
}
