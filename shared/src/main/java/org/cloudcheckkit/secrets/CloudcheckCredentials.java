package org.cloudcheckkit.secrets;

import org.cloudcheckkit.cloudcheck.CredentialsSource;
import org.cloudcheckkit.signing.ApiCredentials;

/** The Cloudcheck API key and secret, from a Secrets Manager secret {@code {"apiKey": ..., "apiSecret": ...}}. */
public final class CloudcheckCredentials implements CredentialsSource {
    private final CachedSecret<ApiCredentials> secret;

    public CloudcheckCredentials(CachedSecret<ApiCredentials> secret) {
        this.secret = secret;
    }

    public static ApiCredentials parse(SecretJson json) {
        return new ApiCredentials(json.requiredText("apiKey"), json.requiredText("apiSecret"));
    }

    @Override
    public ApiCredentials current() {
        return secret.get();
    }

    @Override
    public ApiCredentials refreshed() {
        return secret.refresh();
    }
}
