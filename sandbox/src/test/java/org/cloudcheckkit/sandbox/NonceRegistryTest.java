package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.cloudcheckkit.sandbox.auth.NonceRegistry;
import org.junit.jupiter.api.Test;

/** Nonces are single use per key, and forgotten once their timestamp could no longer pass the age check. */
class NonceRegistryTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long MINUTE = 60_000;

    @Test
    void aNonceIsSingleUsePerKey() {
        NonceRegistry nonces = new NonceRegistry(Duration.ofMinutes(5));

        assertTrue(nonces.register("k1", "n", NOW, NOW));
        assertFalse(nonces.register("k1", "n", NOW, NOW + 1));
        assertTrue(nonces.register("k2", "n", NOW, NOW + 2));
    }

    @Test
    void memoryStaysBoundedByTheAgeWindow() {
        NonceRegistry nonces = new NonceRegistry(Duration.ofMinutes(5));
        for (int i = 0; i < 10_000; i++) {
            nonces.register("k", "old-" + i, NOW, NOW);
        }

        nonces.register("k", "fresh", NOW + 6 * MINUTE, NOW + 6 * MINUTE);

        assertEquals(1, nonces.size());
    }
}
