package org.cloudcheckkit.callbacks;

import java.nio.charset.StandardCharsets;
import org.cloudcheckkit.secrets.SecretJson;

/**
 * The callback secret {@code {"signingKey": ..., "webhookToken": ...}}: the key that makes per-request callback
 * tokens, and the token in the account webhook URL given to Cloudcheck. Prints neither.
 */
public final class CallbackKeys {
    private final byte[] signingKey;
    private final String webhookToken;

    public CallbackKeys(String signingKey, String webhookToken) {
        if (signingKey == null || signingKey.length() < 16) {
            throw new IllegalArgumentException("the callback signingKey must be at least 16 characters");
        }
        if (webhookToken == null || webhookToken.length() < 16) {
            throw new IllegalArgumentException("the webhookToken must be at least 16 characters");
        }
        this.signingKey = signingKey.getBytes(StandardCharsets.UTF_8);
        this.webhookToken = webhookToken;
    }

    public static CallbackKeys parse(SecretJson json) {
        return new CallbackKeys(json.requiredText("signingKey"), json.requiredText("webhookToken"));
    }

    byte[] signingKey() {
        return signingKey.clone();
    }

    String webhookToken() {
        return webhookToken;
    }

    @Override
    public String toString() {
        return "CallbackKeys[<redacted>]";
    }
}
