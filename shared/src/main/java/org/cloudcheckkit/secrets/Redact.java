package org.cloudcheckkit.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a log line may say of a token: a recipient's or Akahu session's token reads its result at Cloudcheck, so logs
 * carry a short hash instead - enough to match lines to each other and to a token you hold, not to use it.
 */
public final class Redact {
    private Redact() {
    }

    /** {@code #} and the first 12 hex digits of the token's SHA-256. */
    public static String token(String token) {
        if (token == null) {
            return "#none";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
