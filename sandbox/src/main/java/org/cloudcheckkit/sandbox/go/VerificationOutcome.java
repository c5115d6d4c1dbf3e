package org.cloudcheckkit.sandbox.go;

import java.util.Locale;

/** The result of a recipient's verification, as the sandbox simulates it. */
public enum VerificationOutcome {
    /** Not finished yet. */
    PENDING,
    PASS,
    FAIL,
    /** Some details verified, others need a person to look. */
    REFER,
    /** The recipient expired without finishing. */
    INCOMPLETE;

    /** The outcomes a recipient can finish with. */
    public boolean isChoosable() {
        return this == PASS || this == FAIL || this == REFER;
    }

    public static VerificationOutcome parse(String text) {
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        for (VerificationOutcome outcome : values()) {
            if (outcome.isChoosable() && outcome.name().equals(wanted)) {
                return outcome;
            }
        }
        throw new IllegalArgumentException("A recipient finishes with PASS, FAIL or REFER, not '" + text + "'");
    }
}
