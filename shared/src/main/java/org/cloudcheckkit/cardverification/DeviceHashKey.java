package org.cloudcheckkit.cardverification;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Connecting Party secret's deviceHashKey: the HMAC-SHA256 key under which device data that is kept or logged
 * (serial numbers, the caller's IP address in session counters) appears. Both come from small spaces (a maker's
 * prefix and a few digits; 2^32 addresses), so a plain hash of one is reversed by hashing every candidate; a keyed
 * hash is not, without the key. The key is its UTF-8 text
 * and never leaves this class except inside a {@link Mac}; messages and {@link #toString()} never show it.
 */
public final class DeviceHashKey {
    private static final String ALGORITHM = "HmacSHA256";
    /** 32 characters of base64 ({@code openssl rand -base64 32} gives 44) carry 192 bits; fewer is a mistake. */
    static final int MIN_LENGTH = 32;
    /** 48 bits: enough to tell devices apart in a log, too few to serve as a lookup key. */
    private static final int SHORT_HEX_DIGITS = 12;

    private final byte[] key;

    private DeviceHashKey(byte[] key) {
        this.key = key;
    }

    /** @throws IllegalArgumentException when the key is shorter than 32 characters; the message never quotes it */
    public static DeviceHashKey parse(String text) {
        if (text == null || text.strip().length() < MIN_LENGTH) {
            throw new IllegalArgumentException("the deviceHashKey is shorter than " + MIN_LENGTH + " characters");
        }
        return new DeviceHashKey(text.strip().getBytes(StandardCharsets.UTF_8));
    }

    /** HMAC-SHA256 of {@code value}'s UTF-8 bytes, as 64 lower-case hex digits. */
    public String of(String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is unavailable in this JVM", e);
        }
    }

    /** For log lines only. */
    public String shortOf(String value) {
        return of(value).substring(0, SHORT_HEX_DIGITS);
    }

    @Override
    public String toString() {
        return "DeviceHashKey[redacted]";
    }
}
