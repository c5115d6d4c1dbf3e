package org.cloudcheckkit.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Makes and checks the tokens that authenticate Cloudcheck's calls to us. Cloudcheck signs nothing it sends, so each
 * callback URL we give it carries {@code cid} (a random id for the request) and {@code t} = HMAC-SHA256 of kind and id
 * under the callback key: unguessable, and checked without a database read.
 */
public final class CallbackTokens {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Supplier<CallbackKeys> keys;
    private final Supplier<WebhookToken> webhookToken;
    private final SecureRandom random;

    /** Each secret is read when first needed: a function that only makes callback URLs never reads the webhook token. */
    public CallbackTokens(Supplier<CallbackKeys> keys, Supplier<WebhookToken> webhookToken, SecureRandom random) {
        this.keys = keys;
        this.webhookToken = webhookToken;
        this.random = random;
    }

    /** A new callback id: 128 random bits. */
    public String newCallbackId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return BASE64URL.encodeToString(bytes);
    }

    /** {keyId}.{HMAC-SHA256 of kind and id under that key}: the key id lets the signing key rotate. */
    public String tokenFor(CallbackKind kind, String callbackId) {
        CallbackKeys current = keys.get();
        return current.keyId() + "." + mac(current.key(current.keyId()).orElseThrow(), kind, callbackId);
    }

    /**
     * Constant-time: how much of a forged token is right must not show in how long the answer takes. A token is
     * checked with the key its id names - the current one, or a previous one still listed - and a token without an id
     * (made before ids) with key "1", which is what the key in use then is called.
     */
    public boolean verify(CallbackKind kind, String callbackId, String token) {
        if (callbackId == null || token == null || callbackId.isEmpty() || callbackId.length() > 64 || token.length() > 128) {
            return false;
        }
        CallbackKeys current = keys.get();
        int dot = token.indexOf('.');
        String keyId = dot < 0 ? CallbackKeys.DEFAULT_KEY_ID : token.substring(0, dot);
        Optional<byte[]> key = current.key(keyId);
        if (key.isEmpty()) {
            return false;
        }
        return MessageDigest.isEqual(mac(key.get(), kind, callbackId).getBytes(StandardCharsets.US_ASCII),
                token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
    }

    private static String mac(byte[] key, CallbackKind kind, String callbackId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((kind.name().toLowerCase(Locale.ROOT) + ":" + callbackId).getBytes(StandardCharsets.UTF_8));
            return BASE64URL.encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    public boolean verifyWebhookToken(String token) {
        return token != null && MessageDigest.isEqual(webhookToken.get().value().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8));
    }

    /** The URL Cloudcheck is given: our callback route with the id and its token. */
    public String callbackUrl(String baseUrl, CallbackKind kind, String callbackId) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + kind.path() + "?cid=" + callbackId + "&t=" + tokenFor(kind, callbackId);
    }
}
