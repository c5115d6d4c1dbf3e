package org.cloudcheckkit.signing;

import java.util.Objects;

/**
 * A Cloudcheck API key and its secret. The secret never leaves this object except into the HMAC:
 * {@link #toString()} names the key only, so a credentials object in a log line or an exception leaks nothing.
 */
public final class ApiCredentials {
    private final String apiKey;
    private final String apiSecret;

    public ApiCredentials(String apiKey, String apiSecret) {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("apiKey is required");
        }
        if (apiSecret == null || apiSecret.isEmpty()) {
            throw new IllegalArgumentException("apiSecret is required");
        }
        this.apiKey = apiKey;
        this.apiSecret = apiSecret;
    }

    public String apiKey() {
        return apiKey;
    }

    String apiSecret() {
        return apiSecret;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApiCredentials that && apiKey.equals(that.apiKey) && apiSecret.equals(that.apiSecret);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiKey, apiSecret);
    }

    @Override
    public String toString() {
        return "ApiCredentials[apiKey=" + apiKey + ", apiSecret=<redacted>]";
    }
}
