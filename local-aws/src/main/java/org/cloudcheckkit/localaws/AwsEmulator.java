package org.cloudcheckkit.localaws;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An AWS emulator to talk to: either one named by the caller (LocalStack, a moto already running), used as it is
 * and never stopped, or a {@code moto_server} started here and stopped on {@link #close()}.
 *
 * <pre>{@code
 * try (AwsEmulator emulator = AwsEmulator.start(EmulatorOptions.fromEnvironment(System.getenv()));
 *      DynamoDbClient dynamoDb = emulator.newDynamoDbClient()) { ... }
 * }</pre>
 */
public final class AwsEmulator implements AutoCloseable {

    /** Emulators accept any credentials; these fixed ones keep real ones out of local runs. */
    public static final String DUMMY_CREDENTIAL = "test";

    private static final AwsCredentialsProvider DUMMY_CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create(DUMMY_CREDENTIAL, DUMMY_CREDENTIAL));

    private final URI endpoint;
    private final Region region;
    private final MotoServer moto;

    private AwsEmulator(URI endpoint, Region region, MotoServer moto) {
        this.endpoint = endpoint;
        this.region = region;
        this.moto = moto;
    }

    /** Uses {@code options.endpoint()} when given; else starts moto_server and returns once it answers. */
    public static AwsEmulator start(EmulatorOptions options) {
        if (options.endpoint().isPresent()) {
            return new AwsEmulator(options.endpoint().get(), options.region(), null);
        }
        MotoServer moto = MotoServer.start(options.motoCommand(), options.port(), options.startTimeout());
        return new AwsEmulator(moto.endpoint(), options.region(), moto);
    }

    public URI endpoint() {
        return endpoint;
    }

    public Region region() {
        return region;
    }

    /** True for a moto_server started here; an emulator given by endpoint is someone else's to empty. */
    public boolean canReset() {
        return moto != null;
    }

    /**
     * Empties the emulator: every table, bucket, queue and secret is gone.
     *
     * @throws UnsupportedOperationException when the emulator was given by endpoint rather than started here
     */
    public void reset() {
        if (moto == null) {
            throw new UnsupportedOperationException("Cannot reset the emulator at " + endpoint + ": it was given (AWS_ENDPOINT_URL), "
                    + "not started here, and only a moto_server started here is reset.");
        }
        moto.reset();
    }

    /** A new client for this emulator; the caller closes it. The same holds for every {@code new...Client()}. */
    public DynamoDbClient newDynamoDbClient() {
        return configured(DynamoDbClient.builder()).build();
    }

    public DynamoDbStreamsClient newDynamoDbStreamsClient() {
        return configured(DynamoDbStreamsClient.builder()).build();
    }

    /** Path-style: a bucket name as a host name ({@code bucket.127.0.0.1}) does not resolve. */
    public S3Client newS3Client() {
        return configured(S3Client.builder()).forcePathStyle(true).build();
    }

    public SecretsManagerClient newSecretsManagerClient() {
        return configured(SecretsManagerClient.builder()).build();
    }

    public SqsClient newSqsClient() {
        return configured(SqsClient.builder()).build();
    }

    /** Stops moto_server if it was started here; an emulator given by endpoint is left running. */
    @Override
    public void close() {
        if (moto != null) {
            moto.stop();
        }
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configured(B builder) {
        return builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(DUMMY_CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder());
    }

    @Override
    public String toString() {
        return "AwsEmulator[" + endpoint + (moto != null ? ", moto_server started here" : ", given") + "]";
    }
}
