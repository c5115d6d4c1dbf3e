package org.cloudcheckkit.localaws;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Makes {@code AWS::DynamoDB::Table}s: keys, attribute definitions, global and local secondary indexes, billing
 * mode, stream, encryption, then time to live and point-in-time recovery. A table left from an earlier run is
 * deleted first, so every run starts with an empty table shaped as the template says now.
 * Not applied, as no local behaviour depends on them: Tags, ContributorInsights, Kinesis streaming, and
 * DeletionProtectionEnabled (which would stop the next run from replacing the table).
 */
final class DynamoDbTables implements ResourceCreator {

    static final String TYPE = "AWS::DynamoDB::Table";

    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration WAIT_TIMEOUT = Duration.ofMinutes(2);

    private final DynamoDbClient dynamoDb;
    private final String stackName;

    DynamoDbTables(DynamoDbClient dynamoDb, String stackName) {
        this.dynamoDb = dynamoDb;
        this.stackName = stackName;
    }

    @Override
    public LocalResource create(String logicalId, PropertyMap properties) {
        String name = properties.optionalString("TableName").orElseGet(() -> PhysicalNames.table(stackName, logicalId));
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
                .client(dynamoDb)
                .overrideConfiguration(wait -> wait.backoffStrategyV2(BackoffStrategy.fixedDelay(POLL_INTERVAL)).waitTimeout(WAIT_TIMEOUT))
                .build()) {
            deleteIfPresent(name, waiter);
            dynamoDb.createTable(createRequest(name, properties));
            waiter.waitUntilTableExists(request -> request.tableName(name));
        }
        applyTimeToLive(name, properties);
        applyPointInTimeRecovery(name, properties);
        TableDescription table = dynamoDb.describeTable(request -> request.tableName(name)).table();
        Map<String, String> attributes = new HashMap<>();
        attributes.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        return new LocalResource(logicalId, TYPE, name, name, attributes);
    }

    private void deleteIfPresent(String name, DynamoDbWaiter waiter) {
        try {
            dynamoDb.deleteTable(request -> request.tableName(name));
        } catch (ResourceNotFoundException absent) {
            return;
        }
        waiter.waitUntilTableNotExists(request -> request.tableName(name));
    }

    private static CreateTableRequest createRequest(String name, PropertyMap properties) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(properties.maps("AttributeDefinitions").stream()
                        .map(definition -> AttributeDefinition.builder()
                                .attributeName(definition.requiredString("AttributeName"))
                                .attributeType(definition.requiredString("AttributeType"))
                                .build())
                        .toList())
                .keySchema(keySchema(properties.maps("KeySchema")));
        properties.optionalString("BillingMode").ifPresent(request::billingMode);
        properties.optionalMap("ProvisionedThroughput").map(DynamoDbTables::throughput).ifPresent(request::provisionedThroughput);
        List<GlobalSecondaryIndex> globalIndexes = properties.maps("GlobalSecondaryIndexes").stream()
                .map(index -> GlobalSecondaryIndex.builder()
                        .indexName(index.requiredString("IndexName"))
                        .keySchema(keySchema(index.maps("KeySchema")))
                        .projection(projection(index.mapOrEmpty("Projection")))
                        .provisionedThroughput(index.optionalMap("ProvisionedThroughput").map(DynamoDbTables::throughput).orElse(null))
                        .build())
                .toList();
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes); // an empty list is rejected, not ignored
        }
        List<LocalSecondaryIndex> localIndexes = properties.maps("LocalSecondaryIndexes").stream()
                .map(index -> LocalSecondaryIndex.builder()
                        .indexName(index.requiredString("IndexName"))
                        .keySchema(keySchema(index.maps("KeySchema")))
                        .projection(projection(index.mapOrEmpty("Projection")))
                        .build())
                .toList();
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        properties.optionalMap("StreamSpecification").ifPresent(stream -> request.streamSpecification(StreamSpecification.builder()
                .streamEnabled(true)
                .streamViewType(stream.requiredString("StreamViewType"))
                .build()));
        properties.optionalMap("SSESpecification").ifPresent(sse -> request.sseSpecification(SSESpecification.builder()
                .enabled(sse.optionalBoolean("SSEEnabled").orElse(false))
                .sseType(sse.optionalString("SSEType").orElse(null))
                .kmsMasterKeyId(sse.optionalString("KMSMasterKeyId").orElse(null))
                .build()));
        return request.build();
    }

    private void applyTimeToLive(String name, PropertyMap properties) {
        properties.optionalMap("TimeToLiveSpecification")
                .filter(ttl -> ttl.optionalBoolean("Enabled").orElse(false))
                .ifPresent(ttl -> dynamoDb.updateTimeToLive(request -> request.tableName(name)
                        .timeToLiveSpecification(spec -> spec.attributeName(ttl.requiredString("AttributeName")).enabled(true))));
    }

    private void applyPointInTimeRecovery(String name, PropertyMap properties) {
        properties.optionalMap("PointInTimeRecoverySpecification")
                .filter(pitr -> pitr.optionalBoolean("PointInTimeRecoveryEnabled").orElse(false))
                .ifPresent(pitr -> EmulatorSupport.applyIfSupported("point-in-time recovery of table " + name,
                        () -> dynamoDb.updateContinuousBackups(request -> request.tableName(name)
                                .pointInTimeRecoverySpecification(spec -> spec.pointInTimeRecoveryEnabled(true)))));
    }

    private static List<KeySchemaElement> keySchema(List<PropertyMap> elements) {
        return elements.stream()
                .map(element -> KeySchemaElement.builder()
                        .attributeName(element.requiredString("AttributeName"))
                        .keyType(element.requiredString("KeyType"))
                        .build())
                .toList();
    }

    private static Projection projection(PropertyMap projection) {
        Projection.Builder builder = Projection.builder().projectionType(projection.optionalString("ProjectionType").orElse("KEYS_ONLY"));
        List<String> nonKeyAttributes = projection.strings("NonKeyAttributes");
        if (!nonKeyAttributes.isEmpty()) {
            builder.nonKeyAttributes(nonKeyAttributes);
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(PropertyMap throughput) {
        return ProvisionedThroughput.builder()
                .readCapacityUnits(throughput.requiredLong("ReadCapacityUnits"))
                .writeCapacityUnits(throughput.requiredLong("WriteCapacityUnits"))
                .build();
    }
}
