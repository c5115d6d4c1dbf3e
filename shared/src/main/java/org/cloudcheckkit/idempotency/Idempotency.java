package org.cloudcheckkit.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.cloudcheckkit.table.IdempotencyRecord;
import org.cloudcheckkit.table.IdempotencyRecords;
import org.cloudcheckkit.validation.ValidationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a front end's request at most once per Idempotency-Key: a repeat with the same key and body gets the first
 * answer without calling Cloudcheck again; the same key with another body is refused.
 */
public final class Idempotency {
    private static final Logger log = LoggerFactory.getLogger(Idempotency.class);

    private final IdempotencyRecords store;
    private final Clock clock;

    public Idempotency(IdempotencyRecords store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * @param key         the Idempotency-Key header, or null when the caller sent none
     * @param fingerprint what makes two requests "the same": the caller, route, path parameters and body; the same key
     *                    with another fingerprint is refused
     */
    public Reply run(String key, String fingerprint, Supplier<Reply> action) {
        if (key == null) {
            return action.get();
        }
        checkKey(key);
        String hash = sha256(fingerprint);
        IdempotencyRecords.Claim claim = store.claim(key, hash);
        if (!claim.claimed()) {
            return replay(claim.existing(), hash);
        }
        Reply reply;
        try {
            reply = action.get();
        } catch (RuntimeException unexpected) {
            // We cannot tell how far the action got, so a repeat must not act again blindly.
            markUnknown(key);
            throw unexpected;
        }
        try {
            switch (reply.disposition()) {
                case KEEP -> store.complete(key, reply.status(), reply.body());
                case FORGET -> store.release(key);
                case OUTCOME_UNKNOWN -> store.markOutcomeUnknown(key);
            }
        } catch (RuntimeException e) {
            // The answer stands: turning Cloudcheck's success into an error here would have the caller retry with a
            // new key and be billed twice. Until its lease ends the key answers "in progress", then "outcome unknown".
            log.error("an idempotency key could not be recorded as {}: {}", reply.disposition(), e.toString());
        }
        return reply;
    }

    private Reply replay(IdempotencyRecord existing, String requestHash) {
        if (existing == null) {
            // Deleted between our put and our read: the first request released it; ask the caller to try again.
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS,
                    "a request with this Idempotency-Key has just finished; send it again");
        }
        if (!requestHash.equals(existing.requestHash())) {
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.DIFFERENT_REQUEST,
                    "this Idempotency-Key was used for a different request (another route, request, body or caller); use a new key for a new request");
        }
        if (existing.state() == IdempotencyRecord.State.COMPLETED) {
            return Reply.keep(existing.replyStatus(), existing.replyBody());
        }
        if (existing.state() == IdempotencyRecord.State.IN_PROGRESS && existing.leaseUntil() != null
                && existing.leaseUntil().isAfter(clock.instant())) {
            throw new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS,
                    "a request with this Idempotency-Key is still being served; send it again shortly");
        }
        throw new IdempotencyConflictException(IdempotencyConflictException.Reason.OUTCOME_UNKNOWN,
                "the first request with this Idempotency-Key reached Cloudcheck but its answer was lost, so it may have "
                        + "been acted on; check its state (e.g. GET /go/requests/{goApiReference}) before sending it again with a new key");
    }

    private void markUnknown(String key) {
        try {
            store.markOutcomeUnknown(key);
        } catch (RuntimeException e) {
            // The claim's lease runs out on its own and is then read as an unknown outcome too.
            log.error("an idempotency key could not be marked outcome-unknown: {}", e.toString());
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
