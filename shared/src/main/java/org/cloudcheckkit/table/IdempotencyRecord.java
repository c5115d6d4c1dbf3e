package org.cloudcheckkit.table;

import java.time.Instant;

/**
 * A front end's Idempotency-Key as kept: which request it was first used for (the body's hash), how far that request
 * got, and - once it completed - the answer a repeat gets back.
 */
public record IdempotencyRecord(String key, State state, String requestHash, Instant leaseUntil,
                                int replyStatus, String replyBody) {

    public enum State {
        /** The first request with this key is being served (until {@code leaseUntil}). */
        IN_PROGRESS,
        /** It was answered; {@code replyStatus} and {@code replyBody} are that answer. */
        COMPLETED,
        /** It may have reached Cloudcheck, but its answer was lost. */
        OUTCOME_UNKNOWN
    }

    static IdempotencyRecord read(ItemKey.Idempotency key, Item item) {
        return new IdempotencyRecord(key.key(), State.valueOf(item.string(Attr.STATE)),
                item.string(Attr.REQUEST_HASH), item.number(Attr.LEASE_UNTIL).map(Instant::ofEpochMilli).orElse(null),
                item.integer(Attr.REPLY_STATUS, 200), item.string(Attr.REPLY_BODY));
    }
}
