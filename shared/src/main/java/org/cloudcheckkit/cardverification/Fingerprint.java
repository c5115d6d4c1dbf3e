package org.cloudcheckkit.cardverification;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the access token, which is a credential and must not be stored as it is. A plain hash suffices for it:
 * a token is a credential of at least 32 characters, not one of a short list of candidates that could be hashed
 * until one matches. Serial numbers are, and have a {@link DeviceHashKey} instead.
 */
public final class Fingerprint {
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
}
