package org.cloudcheckkit.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.cloudcheckkit.api.Owner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A result's stored state - a Go recipient's or an Akahu session's: its latest status (statuses only move forward,
 * by rank), the history of statuses, its archive, and the work it has due. A Go recipient's item is made with its
 * roster entry, so it carries its request's owner from the start; an Akahu session's owner is the session's.
 */
public record ResultItem(ItemKey.ResultKey key, Owner owner, String reference, String status, int statusRank,
                         String statusAt, List<StatusChange> history, ArchiveState archive, DueWork work, Instant dueAt) {

    /** The Go recipient's token; null for an Akahu session. */
    public String recipientToken() {
        return key instanceof ItemKey.Recipient recipient ? recipient.recipientToken() : null;
    }

    /** True when work of this kind is scheduled for later than {@code now}. */
    public boolean hasWorkAfter(DueWork kind, Instant now) {
        return work == kind && dueAt != null && dueAt.isAfter(now);
    }

    static ResultItem read(ItemKey.ResultKey key, Item item) {
        return new ResultItem(key, Owners.read(item), item.string(Attr.REFERENCE), item.string(Attr.STATUS),
                item.integer(Attr.STATUS_RANK, 0), item.string(Attr.STATUS_AT), history(item), ArchiveState.read(item),
                work(item), item.number(Attr.DUE_AT).map(Instant::ofEpochMilli).orElse(null));
    }

    static DueWork work(Item item) {
        String work = item.string(Attr.WORK);
        return work == null ? null : DueWork.valueOf(work);
    }

    private static List<StatusChange> history(Item item) {
        List<StatusChange> history = new ArrayList<>();
        for (AttributeValue value : item.list(Attr.HISTORY)) {
            Item change = Item.of(value.m());
            history.add(new StatusChange(change.string(Attr.STATUS), change.string(Attr.AT), change.string(Attr.SOURCE)));
        }
        return history;
    }
}
