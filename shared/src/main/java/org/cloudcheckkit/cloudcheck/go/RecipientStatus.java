package org.cloudcheckkit.cloudcheck.go;

import java.util.Optional;

/**
 * A Go recipient's status, with the order in which statuses may follow one another: a status is only ever
 * replaced by one of higher rank, so a late or duplicated callback cannot move a recipient backwards. Responded and
 * Expired are final - results are fetched and archived then - but Expired is not the end: after a resend the
 * recipient may still respond, and that result is archived too.
 */
public enum RecipientStatus {
    NOT_SENT("Not Sent", 0),
    SENT("Sent", 1),
    DELAYED("Delayed", 2),
    BOUNCED("Bounced", 2),
    REJECTED("Rejected", 2),
    DELIVERED("Delivered", 3),
    OPENED("Opened", 4),
    CLICKED("Clicked", 5),
    EXPIRED("Expired", 6),
    RESPONDED("Responded", 7);

    private final String wireName;
    private final int rank;

    RecipientStatus(String wireName, int rank) {
        this.wireName = wireName;
        this.rank = rank;
    }

    public String wireName() {
        return wireName;
    }

    public int rank() {
        return rank;
    }

    /** A result to fetch and archive. */
    public boolean isFinal() {
        return this == EXPIRED || this == RESPONDED;
    }

    /** Nothing can follow: the request need not be watched for this recipient any more. */
    public boolean isTerminal() {
        return this == RESPONDED;
    }

    public static Optional<RecipientStatus> fromWire(String value) {
        for (RecipientStatus status : values()) {
            if (status.wireName.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
