package org.cloudcheckkit;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.cloudcheckkit.localaws.LocalAws;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A real DynamoDB client for the emulator whose chosen requests fail before they are sent, as a DynamoDB outage
 * would fail them: how a test shows what a write that could not be made does to the flow around it.
 */
public final class FailingDynamoDb {
    private FailingDynamoDb() {
    }

    /** Fails every request {@code fails} matches; {@code failures} counts them. */
    public static DynamoDbClient failing(LocalAws aws, Predicate<SdkRequest> fails, AtomicInteger failures) {
        ExecutionInterceptor outage = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (fails.test(context.request())) {
                    failures.incrementAndGet();
                    throw SdkClientException.create("DynamoDB is unavailable (injected by the test)");
                }
            }
        };
        return DynamoDbClient.builder().endpointOverride(aws.endpoint()).region(aws.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .overrideConfiguration(configuration -> configuration.addExecutionInterceptor(outage))
                .build();
    }
}
