package org.cloudcheckkit.akahu;

import java.time.Instant;
import java.util.List;
import org.cloudcheckkit.go.ArchiveState;
import org.cloudcheckkit.go.StatusChange;

/** What this service keeps of an Akahu session: ids and status only; the customer's bank details stay with Cloudcheck. */
public record AkahuSessionRecord(String callbackId, String token, String reference, Instant createdAt, String status,
                                 List<StatusChange> history, ArchiveState archive) {
}
