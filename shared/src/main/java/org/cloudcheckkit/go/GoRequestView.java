package org.cloudcheckkit.go;

import java.util.List;
import org.cloudcheckkit.table.ArchiveState;
import org.cloudcheckkit.table.StatusChange;

/**
 * GET /go/requests/{goApiReference}: Cloudcheck's /go/results/ merged with what this service stored - the roster
 * state, each recipient's status history and its archive.
 */
public record GoRequestView(String goApiReference, String reference, String createdAt, String source,
                            int recipientCount, List<Recipient> recipients) {

    public record Recipient(String recipientToken, String reference, String status, String statusDate, String link,
                            String rosterState, String replacedBy, List<StatusChange> history, ArchiveState archive) {
    }
}
