package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SecretSeedsTest {

    @Test
    void callbackKeysAreRandomEachTimeWhenTheEnvironmentHasNone() {
        SecretSeeds first = SecretSeeds.fromEnvironment(Map.of());
        SecretSeeds second = SecretSeeds.fromEnvironment(Map.of());

        String signingKey = first.fieldsFor("CallbackKeySecret").orElseThrow().get("signingKey");
        assertNotEquals(signingKey, second.fieldsFor("CallbackKeySecret").orElseThrow().get("signingKey"));
        assertNotEquals(first.fieldsFor("WebhookTokenSecret").orElseThrow().get("webhookToken"),
                second.fieldsFor("WebhookTokenSecret").orElseThrow().get("webhookToken"));
        assertFalse(signingKey.contains("="), "base64url without padding");
    }

    @Test
    void theDeviceHashKeyIsRandomEachTimeWhenTheEnvironmentHasNone() {
        String first = SecretSeeds.fromEnvironment(Map.of()).fieldsFor("ConnectingPartySecretId").orElseThrow().get("deviceHashKey");
        String second = SecretSeeds.fromEnvironment(Map.of()).fieldsFor("ConnectingPartySecretId").orElseThrow().get("deviceHashKey");

        assertNotEquals(first, second);
        assertEquals("given", SecretSeeds.fromEnvironment(Map.of("CONNECTING_PARTY_DEVICE_HASH_KEY", "given"))
                .fieldsFor("ConnectingPartySecretId").orElseThrow().get("deviceHashKey"));
    }

    @Test
    void aSeedCanBeReplaced() {
        SecretSeeds seeds = SecretSeeds.fromEnvironment(Map.of()).with("CloudcheckSecretId", Map.of("apiKey", "k", "apiSecret", "s"));

        assertEquals(Optional.of(Map.of("apiKey", "k", "apiSecret", "s")), seeds.fieldsFor("CloudcheckSecretId"));
    }

    @Test
    void aStoredSecretKeepsItsFieldsButThoseGivenAndGainsThoseItLacks() {
        SecretSeeds seeds = SecretSeeds.fromEnvironment(Map.of("CLOUDCHECK_API_KEY", "given-key"));

        assertEquals(Map.of("apiKey", "given-key", "apiSecret", "stored-secret"),
                seeds.keeping("CloudcheckSecretId", Map.of("apiKey", "stored-key", "apiSecret", "stored-secret")));
        assertEquals(Map.of("apiKey", "given-key", "apiSecret", "sandbox-secret"),
                seeds.keeping("CloudcheckSecretId", Map.of("apiKey", "stored-key")));
    }

    @Test
    void toStringNamesParametersButNoValues() {
        String text = SecretSeeds.fromEnvironment(Map.of("CLOUDCHECK_API_SECRET", "do-not-print")).toString();

        assertFalse(text.contains("do-not-print"), text);
    }
}
