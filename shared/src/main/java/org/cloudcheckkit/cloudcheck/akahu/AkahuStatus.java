package org.cloudcheckkit.cloudcheck.akahu;

import java.util.Optional;

/** An Akahu request's status. Every status but Pending is final. */
public enum AkahuStatus {
    PENDING("Pending"),
    COMPLETE("Complete"),
    PASS("Pass"),
    FAIL("Fail"),
    TIMED_OUT("Timed out"),
    ERROR("Error"),
    USER_DECLINED("User declined"),
    EXPIRED("Expired");

    private final String wireName;

    AkahuStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return this != PENDING;
    }

    public static Optional<AkahuStatus> fromWire(String value) {
        for (AkahuStatus status : values()) {
            if (status.wireName.equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
