package org.cloudcheckkit.go;

import java.util.List;

/** A recipient's stored state: its latest status, the history of statuses, and its archive. */
public record RecipientState(String goApiReference, String recipientToken, String reference, String status,
                             String statusAt, List<StatusChange> history, ArchiveState archive) {
}
