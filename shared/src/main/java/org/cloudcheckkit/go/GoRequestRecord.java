package org.cloudcheckkit.go;

import java.time.Instant;
import java.util.Map;

/**
 * What this service keeps of a Go request: Cloudcheck's reference, the caller's, when it was made, where from
 * (create or quicksend), the id its callback URL carries, and its recipient roster.
 */
public record GoRequestRecord(String goApiReference, String reference, Instant createdAt, String source, String callbackId,
                              Map<String, RosterEntry> roster) {

    public long activeRecipients() {
        return roster.values().stream().filter(entry -> entry.state() == RosterEntry.State.ACTIVE).count();
    }
}
