package org.cloudcheckkit.cardverification;

import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Connecting Party's ControlKey as the provider's signature page defines it: the key text with its dashes
 * removed, hex-decoded to bytes, used as an HMAC-SHA1 key. Neither the text nor the bytes ever leave this class
 * except inside a {@link Mac}; messages and {@link #toString()} never show them.
 */
public final class ControlKey {
    private static final String ALGORITHM = "HmacSHA1";
    /** 128 bits: the provider issues ControlKeys as GUIDs, and a shorter key would be a configuration mistake. */
    private static final int MIN_BYTES = 16;

    private final byte[] key;

    private ControlKey(byte[] key) {
        this.key = key;
    }

    /**
     * @throws IllegalArgumentException when the text is not hex digits and dashes, has an odd number of digits, or
     *                                  is shorter than 128 bits; the message never quotes the text
     */
    public static ControlKey parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("the controlKey is missing");
        }
        String hex = text.strip().replace("-", "");
        if (hex.isEmpty() || hex.length() % 2 != 0 || !hex.chars().allMatch(ControlKey::isHexDigit)) {
            throw new IllegalArgumentException("the controlKey is not hexadecimal digits (dashes allowed) of even length");
        }
        byte[] bytes = HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        if (bytes.length < MIN_BYTES) {
            throw new IllegalArgumentException("the controlKey is shorter than " + MIN_BYTES + " bytes");
        }
        return new ControlKey(bytes);
    }

    /** HMAC-SHA1 of {@code message}'s bytes, as 40 upper-case hex digits (the provider's reference encoding). */
    public String hmacSha1Hex(byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().withUpperCase().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
        }
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public String toString() {
        return "ControlKey[redacted]";
    }
}
