package org.cloudcheckkit.cloudcheck;

import org.cloudcheckkit.signing.ApiCredentials;

/** Where the client gets its API key and secret: Secrets Manager in a function, a fixed pair in a test. */
public interface CredentialsSource {

    ApiCredentials current();

    /** Called once when Cloudcheck rejects the key or signature (101/106): the secret may have been rotated. */
    ApiCredentials refreshed();

    static CredentialsSource fixed(ApiCredentials credentials) {
        return new CredentialsSource() {
            @Override
            public ApiCredentials current() {
                return credentials;
            }

            @Override
            public ApiCredentials refreshed() {
                return credentials;
            }
        };
    }
}
