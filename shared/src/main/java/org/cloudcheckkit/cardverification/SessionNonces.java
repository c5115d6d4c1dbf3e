package org.cloudcheckkit.cardverification;

import java.security.SecureRandom;

/**
 * Session nonces: 64 characters drawn uniformly from A-Z, a-z and 0-9 (about 381 bits), which need no escaping in
 * JSON, URLs or the signed concatenation. 64 characters is what the provider's reference server generates.
 */
public final class SessionNonces {
    public static final int LENGTH = 64;
    static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final SecureRandom random;

    public SessionNonces(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        char[] nonce = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            // nextInt(bound) rejects out-of-range draws, so every character is equally likely.
            nonce[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(nonce);
    }
}
