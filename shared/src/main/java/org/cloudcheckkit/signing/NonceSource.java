package org.cloudcheckkit.signing;

import java.security.SecureRandom;
import java.util.Base64;

/** Where request nonces come from; tests inject fixed ones, production uses {@link #secureRandom()}. */
@FunctionalInterface
public interface NonceSource {

    String next();

    /**
     * 192 bits from {@link SecureRandom} as 32 URL-safe base64 characters: far beyond any chance of reuse,
     * which Cloudcheck rejects with error 104, and safe in a query string without escaping.
     */
    static NonceSource secureRandom() {
        return secureRandom(new SecureRandom());
    }

    static NonceSource secureRandom(SecureRandom random) {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        return () -> {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return encoder.encodeToString(bytes);
        };
    }
}
