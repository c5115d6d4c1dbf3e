package org.cloudcheckkit.sandbox.akahu;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An Akahu request's status (seed 002), with its wire label. */
public enum AkahuStatus {
    PENDING("Pending"),
    COMPLETE("Complete"),
    PASS("Pass"),
    FAIL("Fail"),
    TIMED_OUT("Timed out"),
    ERROR("Error"),
    USER_DECLINED("User declined"),
    EXPIRED("Expired");

    private final String label;

    AkahuStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether Akahu returned bank details, which the result then carries as akahuDetails. */
    boolean retrievedAccounts() {
        return this == COMPLETE || this == PASS || this == FAIL;
    }

    /** Accepts the wire label ("Timed out") or the constant name ("TIMED_OUT"), ignoring case. */
    public static AkahuStatus parse(String text) {
        String wanted = text.trim();
        for (AkahuStatus status : values()) {
            if (status.label.equalsIgnoreCase(wanted) || status.name().equalsIgnoreCase(wanted)) {
                return status;
            }
        }
        throw new IllegalArgumentException("Unknown Akahu status '" + text + "'; use one of "
                + Arrays.stream(values()).map(AkahuStatus::label).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return label;
    }
}
