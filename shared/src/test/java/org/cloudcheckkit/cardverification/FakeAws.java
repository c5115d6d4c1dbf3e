package org.cloudcheckkit.cardverification;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** In-memory stand-ins for the two clients, for tests that need many calls or a failure AWS will not produce. */
final class FakeAws {
    static final String DEVICE_HASH_KEY = "q3Vt8yZk2mWp5sRn7bXc4hJd9fLg6aTe1uYo0iPw3Q";
    static final String LOCAL_SECRET = "{\"controlKey\": \"4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D\", \"endpointId\": \"LOCAL-ENDPOINT-1\", "
            + "\"deviceHashKey\": \"" + DEVICE_HASH_KEY + "\"}";

    private FakeAws() {
    }

    /** Records each TransactWriteItems; throws {@code failure} instead when it is set. */
    static final class DynamoDb implements DynamoDbClient {
        final List<TransactWriteItemsRequest> transactions = new ArrayList<>();
        RuntimeException failure;

        @Override
        public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
            if (failure != null) {
                throw failure;
            }
            transactions.add(request);
            return TransactWriteItemsResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    /** Answers every GetSecretValue with {@code secretString}, or throws {@code failure} when it is set. */
    static final class Secrets implements SecretsManagerClient {
        String secretString = LOCAL_SECRET;
        RuntimeException failure;
        int calls;

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            calls++;
            if (failure != null) {
                throw failure;
            }
            return GetSecretValueResponse.builder().name(request.secretId()).secretString(secretString).build();
        }

        @Override
        public String serviceName() {
            return "secretsmanager";
        }

        @Override
        public void close() {
        }
    }
}
