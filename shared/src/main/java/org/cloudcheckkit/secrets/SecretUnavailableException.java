package org.cloudcheckkit.secrets;

/** A secret could not be read, or had not the expected shape. Names the secret and field, never a value. */
public final class SecretUnavailableException extends RuntimeException {
    private final String secretId;

    public SecretUnavailableException(String secretId, String reason, Throwable cause) {
        super("secret '" + secretId + "': " + reason, cause);
        this.secretId = secretId;
    }

    public String secretId() {
        return secretId;
    }
}
