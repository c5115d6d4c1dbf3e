package org.cloudcheckkit.callbacks;

import java.nio.charset.StandardCharsets;
import org.cloudcheckkit.secrets.SecretJson;

/** The callback secret {@code {"signingKey": ...}}: the key that makes each request's callback token. Prints nothing of it. */
public final class CallbackSigningKey {
    private final byte[] signingKey;

    public CallbackSigningKey(String signingKey) {
        if (signingKey == null || signingKey.length() < 16) {
            throw new IllegalArgumentException("the callback signingKey must be at least 16 characters");
        }
        this.signingKey = signingKey.getBytes(StandardCharsets.UTF_8);
    }

    public static CallbackSigningKey parse(SecretJson json) {
        return new CallbackSigningKey(json.requiredText("signingKey"));
    }

    byte[] bytes() {
        return signingKey.clone();
    }

    @Override
    public String toString() {
        return "CallbackSigningKey[<redacted>]";
    }
}
