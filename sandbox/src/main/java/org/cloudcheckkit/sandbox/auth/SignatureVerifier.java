package org.cloudcheckkit.sandbox.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks request signatures the way seed 001 defines them. Written apart from the project's client signer on purpose:
 * if both shared code, a signing bug would pass every test.
 */
public final class SignatureVerifier {

    public static final String SIGNATURE_PARAMETER = "signature";

    /** WIRE.md pins code-point order; String.compareTo orders UTF-16 units, which differs above U+FFFF. */
    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    private SignatureVerifier() {
    }

    /** The request path followed by {@code name=value;} for every parameter except the signature, sorted by name. */
    public static String stringToSign(String path, Map<String, String> parameters) {
        Map<String, String> sorted = new TreeMap<>(CODE_POINT_ORDER);
        sorted.putAll(parameters);
        sorted.remove(SIGNATURE_PARAMETER);
        StringBuilder text = new StringBuilder(path);
        sorted.forEach((name, value) -> text.append(name).append('=').append(value).append(';'));
        return text.toString();
    }

    /** Compares in constant time; hex digits of either case are accepted. */
    public static boolean matches(String secret, String stringToSign, String suppliedHex) {
        byte[] supplied = decodeHex(suppliedHex);
        return supplied != null && MessageDigest.isEqual(hmacSha256(secret, stringToSign), supplied);
    }

    private static byte[] hmacSha256(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JDK", e);
        }
    }

    private static byte[] decodeHex(String hex) {
        if (hex.length() % 2 != 0) {
            return null;
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int high = Character.digit(hex.charAt(2 * i), 16);
            int low = Character.digit(hex.charAt(2 * i + 1), 16);
            if (high < 0 || low < 0) {
                return null;
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }
}
