package org.cloudcheckkit.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds the SDK clients a function uses, all sharing one url-connection HTTP client. Region, credentials and
 * endpoint are given explicitly, so the SDK does not search for them at start.
 */
public final class AwsClients {
    private final AwsSettings settings;
    private final SdkHttpClient http;

    public AwsClients(AwsSettings settings) {
        this(settings, urlConnection(settings));
    }

    /** Clients over another HTTP client: SnapStart priming's in-memory AWS. */
    public AwsClients(AwsSettings settings, SdkHttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    private static SdkHttpClient urlConnection(AwsSettings settings) {
        return UrlConnectionHttpClient.create(uri -> {
            // Our own factory instead of the builder's: the builder loads the trust store and builds an SSLContext
            // at once (~130 ms of cold start, measured); here TLS is set up by the JDK on the first https call only.
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout((int) settings.connectTimeout().toMillis());
                connection.setReadTimeout((int) settings.readTimeout().toMillis());
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public AwsSettings settings() {
        return settings;
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).build();
    }

    public S3Client s3() {
        // Path-style addressing works against every emulator; AWS itself accepts both.
        return configure(S3Client.builder()).forcePathStyle(settings.endpointOverride() != null).build();
    }

    public S3Presigner s3Presigner() {
        S3Presigner.Builder builder = S3Presigner.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials());
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride())
                    .serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                            .pathStyleAccessEnabled(true).build());
        }
        return builder.build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClient(http)
                .region(settings.region())
                .credentialsProvider(settings.credentials());
        if (settings.endpointOverride() != null) {
            builder.endpointOverride(settings.endpointOverride());
        }
        return builder;
    }
}
