package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionNoncesTest {
    @Test
    void aNonceIsSixtyFourAlphanumericCharacters() {
        String nonce = new SessionNonces(new SecureRandom()).next();

        assertEquals(64, nonce.length());
        assertTrue(nonce.matches("[A-Za-z0-9]{64}"), nonce);
    }

    @Test
    void tenThousandNoncesAreUnique() {
        SessionNonces nonces = new SessionNonces(new SecureRandom());
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(nonces.next()), "repeated after " + i);
        }
    }

    /** Over 10,000 nonces (640,000 characters) every character of the alphabet turns up, none far off its share. */
    @Test
    void everyCharacterOfTheAlphabetIsUsedEvenly() {
        SessionNonces nonces = new SessionNonces(new SecureRandom());
        int[] counts = new int[128];
        for (int i = 0; i < 10_000; i++) {
            nonces.next().chars().forEach(c -> counts[c]++);
        }
        double expected = 640_000.0 / SessionNonces.ALPHABET.length();
        for (char c : SessionNonces.ALPHABET.toCharArray()) {
            // Binomial standard deviation is ~101 here; 8% (~800) is far outside chance.
            assertTrue(Math.abs(counts[c] - expected) < expected * 0.08, c + ": " + counts[c]);
        }
    }

    @Test
    void tenThousandInvoiceIdsAreUniqueVersionFourUuids() {
        InvoiceIds ids = new InvoiceIds(new SecureRandom());
        Set<String> seen = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            String id = ids.next();
            assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), id);
            assertTrue(seen.add(id), "repeated after " + i);
        }
    }
}
