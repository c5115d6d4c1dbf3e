package org.cloudcheckkit.localaws;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What each of the template's secrets holds when it is created locally, keyed by the template's name for it: the
 * parameter that names it ({@code CloudcheckSecretId}) or the resource that makes it ({@code WebhookTokenSecret}).
 * Values come from an environment map; where it has none, the callback key, the webhook token and the device hash key
 * are random (as CloudFormation generates the first two) and the other fields are the values the local Cloudcheck
 * sandbox expects. A secret that exists already keeps what it holds, except the fields given explicitly (by the
 * environment or {@link #with}).
 */
public final class SecretSeeds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Seed> seeds;

    private SecretSeeds(Map<String, Seed> seeds) {
        this.seeds = Map.copyOf(seeds);
    }

    /** The seeds for the template's secrets, from {@code environment} where it has a value. */
    public static SecretSeeds fromEnvironment(Map<String, String> environment) {
        Map<String, Seed> seeds = new HashMap<>();
        seeds.put("CloudcheckSecretId", Seed.of(environment,
                new Source("apiKey", "CLOUDCHECK_API_KEY", () -> "sandbox-key"),
                new Source("apiSecret", "CLOUDCHECK_API_SECRET", () -> "sandbox-secret")));
        seeds.put("CallbackKeySecret", Seed.of(environment,
                new Source("signingKey", "CALLBACK_SIGNING_KEY", () -> randomKey(32))));
        seeds.put("WebhookTokenSecret", Seed.of(environment,
                new Source("webhookToken", "CALLBACK_WEBHOOK_TOKEN", () -> randomKey(24))));
        seeds.put("ConnectingPartySecretId", Seed.of(environment,
                new Source("controlKey", "CONNECTING_PARTY_CONTROL_KEY", () -> "4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D"),
                new Source("endpointId", "CONNECTING_PARTY_ENDPOINT_ID", () -> "LOCAL-ENDPOINT-1"),
                new Source("deviceHashKey", "CONNECTING_PARTY_DEVICE_HASH_KEY", () -> randomKey(32))));
        return new SecretSeeds(seeds);
    }

    /** These seeds with {@code templateName}'s secret holding {@code fields} instead, each of them given explicitly. */
    public SecretSeeds with(String templateName, Map<String, String> fields) {
        Map<String, Seed> changed = new HashMap<>(seeds);
        changed.put(templateName, new Seed(fields, fields.keySet()));
        return new SecretSeeds(changed);
    }

    /** The fields of {@code templateName}'s secret when it is created; empty when no seed is known for it. */
    public Optional<Map<String, String>> fieldsFor(String templateName) {
        return Optional.ofNullable(seeds.get(templateName)).map(Seed::fields);
    }

    /**
     * What {@code templateName}'s secret holds when it exists already with {@code stored}: the stored fields, the
     * given ones replaced, missing ones added. A default (a random key) never replaces a stored value, so that
     * callback URLs handed out before a restart still authenticate after it.
     */
    Map<String, String> keeping(String templateName, Map<String, String> stored) {
        Seed seed = seeds.get(templateName);
        Map<String, String> fields = new LinkedHashMap<>(stored);
        seed.fields().forEach((field, value) -> {
            if (seed.given().contains(field)) {
                fields.put(field, value);
            } else {
                fields.putIfAbsent(field, value);
            }
        });
        return Collections.unmodifiableMap(fields);
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** Names the seeded secrets only: seeds are secrets and must not reach a log. */
    @Override
    public String toString() {
        return "SecretSeeds" + seeds.keySet();
    }

    /** A secret field, the variable that gives it, and its value when that variable is unset. */
    private record Source(String field, String variable, Supplier<String> fallback) {
    }

    /** A secret's fields in the order its JSON is written, and those given explicitly rather than defaulted. */
    private record Seed(Map<String, String> fields, Set<String> given) {

        Seed {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            given = Set.copyOf(given);
        }

        static Seed of(Map<String, String> environment, Source... sources) {
            Map<String, String> fields = new LinkedHashMap<>();
            Set<String> given = new HashSet<>();
            for (Source source : sources) {
                String value = environment.get(source.variable());
                if (value != null) {
                    given.add(source.field());
                }
                fields.put(source.field(), value != null ? value : source.fallback().get());
            }
            return new Seed(fields, given);
        }
    }
}
