package org.cloudcheckkit.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.cloudcheckkit.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a front end's request at most once per Idempotency-Key: a repeat with the same key and body gets the first
 * answer without calling Cloudcheck again; the same key with another body is refused.
 */
public final class Idempotency {
    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private final IdempotencyStore store;

    public Idempotency(IdempotencyStore store) {
        this.store = store;
    }

    /**
     * @param scope       the operation, so one key can be used for different routes
     * @param key         the Idempotency-Key header, or null when the caller sent none
     * @param requestBody what makes two requests "the same"
     */
    public Reply run(String scope, String key, String requestBody, Supplier<Reply> action) {
        if (key == null) {
            return action.get();
        }
        checkKey(key);
        String hash = sha256(requestBody);
        var replay = store.claim(scope, key, hash);
        if (replay.isPresent()) {
            return replay.get();
        }
        Reply reply;
        try {
            reply = action.get();
        } catch (RuntimeException unexpected) {
            // We cannot tell how far the action got, so a repeat must not act again blindly.
            markUnknown(scope, key);
            throw unexpected;
        }
        switch (reply.disposition()) {
            case KEEP -> store.complete(scope, key, reply);
            case FORGET -> store.release(scope, key);
            case OUTCOME_UNKNOWN -> markUnknown(scope, key);
        }
        return reply;
    }

    private void markUnknown(String scope, String key) {
        try {
            store.markOutcomeUnknown(scope, key);
        } catch (RuntimeException e) {
            // The claim's lease runs out on its own and is then read as an unknown outcome too.
            log.error("idempotency key in scope {} could not be marked outcome-unknown: {}", scope, e.toString());
        }
    }

    private static void checkKey(String key) {
        if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw ValidationException.of("header:Idempotency-Key", "IDEMPOTENCY_KEY",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters (a UUID is a good choice)");
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
