package org.cloudcheckkit.localaws;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What each secret-naming parameter's secret holds when it is created locally, keyed by parameter name
 * ({@code CloudcheckSecretId}...). Values come from an environment map; where it has none, the callback keys
 * are random and the other fields are the values the local Cloudcheck sandbox expects.
 */
public final class SecretSeeds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Map<String, String>> seeds;

    private SecretSeeds(Map<String, Map<String, String>> seeds) {
        Map<String, Map<String, String>> copy = new HashMap<>();
        // Field order is kept so that the secret's JSON reads as written.
        seeds.forEach((parameter, fields) -> copy.put(parameter, Collections.unmodifiableMap(new LinkedHashMap<>(fields))));
        this.seeds = Map.copyOf(copy);
    }

    /** The seeds for the template's secrets, from {@code environment} where it has a value. */
    public static SecretSeeds fromEnvironment(Map<String, String> environment) {
        Map<String, Map<String, String>> seeds = new HashMap<>();
        seeds.put("CloudcheckSecretId", fields(
                "apiKey", environment.getOrDefault("CLOUDCHECK_API_KEY", "sandbox-key"),
                "apiSecret", environment.getOrDefault("CLOUDCHECK_API_SECRET", "sandbox-secret")));
        seeds.put("CallbackSecretId", fields(
                "signingKey", Optional.ofNullable(environment.get("CALLBACK_SIGNING_KEY")).orElseGet(() -> randomKey(32)),
                "webhookToken", Optional.ofNullable(environment.get("CALLBACK_WEBHOOK_TOKEN")).orElseGet(() -> randomKey(24))));
        seeds.put("ConnectingPartySecretId", fields(
                "controlKey", environment.getOrDefault("CONNECTING_PARTY_CONTROL_KEY", "4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D"),
                "endpointId", environment.getOrDefault("CONNECTING_PARTY_ENDPOINT_ID", "LOCAL-ENDPOINT-1")));
        return new SecretSeeds(seeds);
    }

    /** These seeds with {@code parameterName}'s secret holding {@code fields} instead. */
    public SecretSeeds with(String parameterName, Map<String, String> fields) {
        Map<String, Map<String, String>> changed = new HashMap<>(seeds);
        changed.put(parameterName, fields);
        return new SecretSeeds(changed);
    }

    /** The fields of {@code parameterName}'s secret; empty when no seed is known for it. */
    public Optional<Map<String, String>> fieldsFor(String parameterName) {
        return Optional.ofNullable(seeds.get(parameterName));
    }

    private static Map<String, String> fields(String firstName, String firstValue, String secondName, String secondValue) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put(firstName, firstValue);
        fields.put(secondName, secondValue);
        return fields;
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** Names the seeded parameters only: seeds are secrets and must not reach a log. */
    @Override
    public String toString() {
        return "SecretSeeds" + seeds.keySet();
    }
}
