package org.cloudcheckkit.intents;

import java.util.List;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.table.IntentItem;
import org.cloudcheckkit.table.Intents;

/**
 * GET /intents: a principal's billable calls whose outcome it may not know - still open, stale (open past their time:
 * Cloudcheck may have made the request or session, and its answer was lost), or adopted (the answer was lost, and a
 * callback told us what Cloudcheck made: its identifiers are here). What a front end checks before it sends such a
 * call again with a new Idempotency-Key.
 */
public final class OpenIntents {
    /** At most this many are listed, oldest first. */
    static final int LIMIT = 100;

    private final Intents intents;

    public OpenIntents(Intents intents) {
        this.intents = intents;
    }

    public record View(String intentId, String operation, String state, String reference, String idempotencyKey,
                       String createdAt, String goApiReference, String recipientToken, String akahuToken) {
    }

    public record Listing(List<View> intents) {
    }

    public Listing of(Caller caller) {
        if (caller.owner() == null) {
            return new Listing(List.of());
        }
        return new Listing(intents.shownTo(caller.owner(), LIMIT).stream().map(OpenIntents::view).toList());
    }

    private static View view(IntentItem intent) {
        return new View(intent.intentId(), intent.operation().name(), intent.state().name(), intent.reference(),
                intent.idempotencyKey(), intent.createdAt().toString(), intent.goApiReference(), intent.recipientToken(),
                intent.akahuToken());
    }
}
