package org.cloudcheckkit.callbacks;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.secrets.SecretJson;

/**
 * The callback secret {@code {"signingKey"}} (the stack generates it) and, for rotation, {@code "keyId"} (of the
 * signing key; "1" when absent) and {@code "previousKeys": {"<keyId>": "<key>"}}: the keys that make and check
 * per-request callback tokens - new ones with the current key, URLs Cloudcheck already holds with the key they were
 * made with. Prints none of them.
 */
public final class CallbackKeys {
    static final String DEFAULT_KEY_ID = "1";

    private final String keyId;
    private final Map<String, byte[]> keys;

    public CallbackKeys(String signingKey) {
        this(DEFAULT_KEY_ID, signingKey, Map.of());
    }

    public CallbackKeys(String keyId, String signingKey, Map<String, String> previousKeys) {
        if (keyId == null || !keyId.matches("[A-Za-z0-9_-]{1,16}")) {
            throw new IllegalArgumentException("the callback keyId must be 1 to 16 letters, digits, _ or -");
        }
        Map<String, byte[]> all = new LinkedHashMap<>();
        previousKeys.forEach((id, key) -> all.put(id, checked(key)));
        all.put(keyId, checked(signingKey));
        this.keyId = keyId;
        this.keys = Map.copyOf(all);
    }

    public static CallbackKeys parse(SecretJson json) {
        return new CallbackKeys(json.optionalText("keyId").orElse(DEFAULT_KEY_ID), json.requiredText("signingKey"),
                json.textFields("previousKeys"));
    }

    private static byte[] checked(String key) {
        if (key == null || key.length() < 16) {
            throw new IllegalArgumentException("a callback signing key must be at least 16 characters");
        }
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** The id of the key new tokens are made with. */
    String keyId() {
        return keyId;
    }

    /** The key with this id: the current one or a previous one still honoured. */
    Optional<byte[]> key(String id) {
        return Optional.ofNullable(keys.get(id)).map(byte[]::clone);
    }

    @Override
    public String toString() {
        return "CallbackKeys[<redacted>]";
    }
}
