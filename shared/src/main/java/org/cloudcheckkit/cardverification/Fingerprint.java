package org.cloudcheckkit.cardverification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a value that must not be stored or logged as it is: the access token (a credential) is kept only as
 * its fingerprint, and device data appears in logs only as a short one.
 */
public final class Fingerprint {
    /** 48 bits: enough to tell requests apart in a log, too few to serve as a lookup key for the value. */
    private static final int SHORT_HEX_DIGITS = 12;

    private Fingerprint() {
    }

    /** 64 lower-case hex digits. */
    public static String of(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** For log lines only. */
    public static String shortOf(String value) {
        return of(value).substring(0, SHORT_HEX_DIGITS);
    }
}
