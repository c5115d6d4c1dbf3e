package org.cloudcheckkit.secrets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * A Secrets Manager secret, parsed and kept for a configurable time so that a warm function does not call Secrets
 * Manager per request. {@link #refresh()} fetches again at once (after a rotation), at most once per
 * {@code minRefreshInterval} so a run of rejected calls cannot flood Secrets Manager.
 */
public final class CachedSecret<T> {
    private final SecretsManagerClient secrets;
    private final String secretId;
    private final Duration timeToLive;
    private final Duration minRefreshInterval;
    private final Clock clock;
    private final Function<SecretJson, T> parser;

    private T value;
    private Instant fetchedAt;

    public CachedSecret(SecretsManagerClient secrets, String secretId, Duration timeToLive, Duration minRefreshInterval,
                        Clock clock, Function<SecretJson, T> parser) {
        if (secretId == null || secretId.isBlank()) {
            throw new IllegalArgumentException("a secret id is required");
        }
        this.secrets = secrets;
        this.secretId = secretId;
        this.timeToLive = timeToLive;
        this.minRefreshInterval = minRefreshInterval;
        this.clock = clock;
        this.parser = parser;
    }

    public synchronized T get() {
        if (value == null || !clock.instant().isBefore(fetchedAt.plus(timeToLive))) {
            fetch();
        }
        return value;
    }

    public synchronized T refresh() {
        if (value == null || !clock.instant().isBefore(fetchedAt.plus(minRefreshInterval))) {
            fetch();
        }
        return value;
    }

    public String secretId() {
        return secretId;
    }

    private void fetch() {
        GetSecretValueResponse response;
        try {
            response = secrets.getSecretValue(request -> request.secretId(secretId));
        } catch (SdkException e) {
            throw new SecretUnavailableException(secretId, "cannot be read: " + e.getClass().getSimpleName(), e);
        }
        value = parser.apply(SecretJson.parse(secretId, response.secretString()));
        fetchedAt = clock.instant();
    }

    @Override
    public String toString() {
        return "CachedSecret[" + secretId + "]";
    }
}
