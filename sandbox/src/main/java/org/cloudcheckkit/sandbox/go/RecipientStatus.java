package org.cloudcheckkit.sandbox.go;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A Go recipient's status (seed 000), with its wire label and how far along the journey it is. */
public enum RecipientStatus {
    NOT_SENT("Not Sent", 0),
    SENT("Sent", 1),
    DELIVERED("Delivered", 2),
    BOUNCED("Bounced", 2),
    DELAYED("Delayed", 2),
    REJECTED("Rejected", 2),
    OPENED("Opened", 3),
    CLICKED("Clicked", 4),
    EXPIRED("Expired", 5),
    RESPONDED("Responded", 5);

    private final String label;
    private final int progress;

    RecipientStatus(String label, int progress) {
        this.label = label;
        this.progress = progress;
    }

    public String label() {
        return label;
    }

    /** Responded and Expired end the journey: seed 000 says to fetch results then. */
    public boolean isFinal() {
        return progress == RESPONDED.progress;
    }

    boolean isBefore(RecipientStatus other) {
        return progress < other.progress;
    }

    /** Accepts the wire label ("Not Sent") or the constant name ("NOT_SENT"), ignoring case. */
    public static RecipientStatus parse(String text) {
        String wanted = text.trim();
        for (RecipientStatus status : values()) {
            if (status.label.equalsIgnoreCase(wanted) || status.name().equalsIgnoreCase(wanted)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown recipient status '" + text + "'; use one of " + labels());
    }

    @Override
    public String toString() {
        return label;
    }

    private static String labels() {
        return Arrays.stream(values()).map(RecipientStatus::label).collect(Collectors.joining(", "));
    }
}
