package org.cloudcheckkit.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.signing.ApiCredentials;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Secrets come from Secrets Manager (moto here) through the SDK, are kept for a while, and never show their values. */
class CachedSecretTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "key-one", "apiSecret", "first-secret-value"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T09:00:00Z"));

    @BeforeEach
    void startFromTheFirstValue(LocalAws aws) {
        rotate(aws, aws.secretName("CloudcheckSecretId"), "key-one", "first-secret-value");
    }

    @Test
    void isReadOnceAndKeptForItsTimeToLive(LocalAws aws) {
        String id = aws.secretName("CloudcheckSecretId");
        CachedSecret<ApiCredentials> secret = new CachedSecret<>(aws.secretsManager(), id, Duration.ofMinutes(5),
                Duration.ofSeconds(10), clock, CloudcheckCredentials::parse);

        assertEquals(new ApiCredentials("key-one", "first-secret-value"), secret.get());
        rotate(aws, id, "key-two", "second-secret-value");
        assertEquals("key-one", secret.get().apiKey(), "still cached");

        clock.advance(Duration.ofMinutes(5));
        assertEquals(new ApiCredentials("key-two", "second-secret-value"), secret.get());
    }

    /** After a 101/106 the client asks for a refresh: a rotated secret is picked up at once, but not in a loop. */
    @Test
    void refreshFetchesAtOnceButAtMostOncePerInterval(LocalAws aws) {
        String id = aws.secretName("CloudcheckSecretId");
        CachedSecret<ApiCredentials> secret = new CachedSecret<>(aws.secretsManager(), id, Duration.ofMinutes(5),
                Duration.ofSeconds(10), clock, CloudcheckCredentials::parse);
        secret.get();
        clock.advance(Duration.ofSeconds(11));
        rotate(aws, id, "key-two", "second-secret-value");

        assertEquals("key-two", secret.refresh().apiKey());

        rotate(aws, id, "key-three", "third-secret-value");
        assertEquals("key-two", secret.refresh().apiKey(), "a second refresh within 10 s reuses the value");
    }

    @Test
    void aMissingSecretIsNamedButNoValueIsShown(LocalAws aws) {
        CachedSecret<ApiCredentials> secret = new CachedSecret<>(aws.secretsManager(), "no/such/secret",
                Duration.ofMinutes(5), Duration.ofSeconds(10), clock, CloudcheckCredentials::parse);

        SecretUnavailableException failure = assertThrows(SecretUnavailableException.class, secret::get);

        assertEquals("no/such/secret", failure.secretId());
        assertTrue(failure.getMessage().contains("no/such/secret"));
    }

    @Test
    void aMalformedSecretIsReportedWithoutQuotingIt(LocalAws aws) {
        String id = aws.secretName("CloudcheckSecretId");
        aws.secretsManager().putSecretValue(r -> r.secretId(id).secretString("{\"apiKey\": \"k\", apiSecret: hunter2-leaked"));
        CachedSecret<ApiCredentials> secret = new CachedSecret<>(aws.secretsManager(), id, Duration.ofMinutes(5),
                Duration.ofSeconds(10), clock, CloudcheckCredentials::parse);

        SecretUnavailableException failure = assertThrows(SecretUnavailableException.class, secret::get);

        assertFalse(failure.getMessage().contains("hunter2"), failure.getMessage());
        assertTrue(failure.getMessage().contains("not valid JSON"));
    }

    @Test
    void aSecretWithoutItsFieldNamesTheField(LocalAws aws) {
        String id = aws.secretName("CloudcheckSecretId");
        aws.secretsManager().putSecretValue(r -> r.secretId(id).secretString("{\"apiKey\": \"k\"}"));
        CachedSecret<ApiCredentials> secret = new CachedSecret<>(aws.secretsManager(), id, Duration.ofMinutes(5),
                Duration.ofSeconds(10), clock, CloudcheckCredentials::parse);

        assertTrue(assertThrows(SecretUnavailableException.class, secret::get).getMessage().contains("'apiSecret'"));
    }

    private static void rotate(LocalAws aws, String id, String key, String secret) {
        aws.secretsManager().putSecretValue(r -> r.secretId(id)
                .secretString("{\"apiKey\":\"" + key + "\",\"apiSecret\":\"" + secret + "\"}"));
    }
}
