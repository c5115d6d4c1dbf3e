package org.cloudcheckkit.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Where AWS is for this process: the region, and an endpoint override ({@code AWS_ENDPOINT_URL}) that points every
 * client at moto, LocalStack or another emulator instead of AWS.
 */
public record AwsSettings(Region region, URI endpointOverride, AwsCredentialsProvider credentials,
                          Duration connectTimeout, Duration readTimeout) {

    /**
     * Reads the standard AWS variables from an environment map (the process environment in Lambda). Credentials
     * given as variables are used as they are; without them (SnapStart, or a developer's machine) the SDK's default
     * chain finds them.
     */
    public static AwsSettings fromEnvironment(Map<String, String> environment) {
        String region = firstNonBlank(environment.get("AWS_REGION"), environment.get("AWS_DEFAULT_REGION"), "ap-southeast-2");
        String endpoint = environment.get("AWS_ENDPOINT_URL");
        return new AwsSettings(Region.of(region),
                endpoint == null || endpoint.isBlank() ? null : URI.create(endpoint.strip()),
                credentials(environment), Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    private static AwsCredentialsProvider credentials(Map<String, String> environment) {
        String keyId = environment.get("AWS_ACCESS_KEY_ID");
        String secret = environment.get("AWS_SECRET_ACCESS_KEY");
        if (keyId == null || keyId.isBlank() || secret == null || secret.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String session = environment.get("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(session == null || session.isBlank()
                ? AwsBasicCredentials.create(keyId, secret)
                : AwsSessionCredentials.create(keyId, secret, session));
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        throw new IllegalArgumentException("no value");
    }

    @Override
    public String toString() {
        return "AwsSettings[region=" + region + ", endpointOverride=" + endpointOverride + "]";
    }
}
