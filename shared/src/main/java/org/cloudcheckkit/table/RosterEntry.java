package org.cloudcheckkit.table;

/**
 * A recipient as the request item lists it: token and the caller's reference only (no names, contacts or dates of
 * birth are stored). {@code replacedBy} is set when an edit gave the recipient a new token.
 */
public record RosterEntry(String recipientToken, String reference, String addedAt, State state, String replacedBy) {

    public enum State { ACTIVE, CANCELLED, REPLACED }
}
