package org.cloudcheckkit.callbacks;

import org.cloudcheckkit.secrets.SecretJson;

/**
 * The webhook secret {@code {"webhookToken": ...}}: the token in the account webhook URL given to Cloudcheck. A secret
 * of its own, so that only the receipt function can read it. Prints nothing of it.
 */
public final class WebhookToken {
    private final String token;

    public WebhookToken(String token) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("the webhookToken must be at least 16 characters");
        }
        this.token = token;
    }

    public static WebhookToken parse(SecretJson json) {
        return new WebhookToken(json.requiredText("webhookToken"));
    }

    String value() {
        return token;
    }

    @Override
    public String toString() {
        return "WebhookToken[<redacted>]";
    }
}
