package org.cloudcheckkit.localaws;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/** One client per service the template uses, all for the same emulator, closed together. */
record ServiceClients(DynamoDbClient dynamoDb, DynamoDbStreamsClient dynamoDbStreams, S3Client s3,
                      SecretsManagerClient secretsManager, SqsClient sqs) implements AutoCloseable {

    static ServiceClients open(AwsEmulator emulator) {
        return new ServiceClients(emulator.newDynamoDbClient(), emulator.newDynamoDbStreamsClient(), emulator.newS3Client(),
                emulator.newSecretsManagerClient(), emulator.newSqsClient());
    }

    @Override
    public void close() {
        dynamoDb.close();
        dynamoDbStreams.close();
        s3.close();
        secretsManager.close();
        sqs.close();
    }
}
