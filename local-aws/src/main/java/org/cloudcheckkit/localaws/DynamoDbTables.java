package org.cloudcheckkit.localaws;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.UpdateTableRequest;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * Makes {@code AWS::DynamoDB::Table}s: keys, attribute definitions, global and local secondary indexes, billing
 * mode, stream, encryption, then time to live and point-in-time recovery. A table that exists already keeps its items:
 * it gains the global secondary indexes, stream, time to live and point-in-time recovery the template adds, and keeps
 * the rest as it is (keys, billing, encryption, an index the template no longer has). Not applied, as no local
 * behaviour depends on them: Tags, ContributorInsights, Kinesis streaming, and DeletionProtectionEnabled.
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
            Optional<TableDescription> existing = describe(name);
            if (existing.isEmpty()) {
                dynamoDb.createTable(createRequest(name, properties));
                waiter.waitUntilTableExists(request -> request.tableName(name));
            } else {
                addMissingIndexes(existing.get(), properties, waiter);
                enableStreamIfOff(existing.get(), properties, waiter);
            }
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

    private Optional<TableDescription> describe(String name) {
        try {
            return Optional.of(dynamoDb.describeTable(request -> request.tableName(name)).table());
        } catch (ResourceNotFoundException absent) {
            return Optional.empty();
        }
    }

    /** One index per update, as DynamoDB allows; each update waits until the table is ACTIVE again. */
    private void addMissingIndexes(TableDescription table, PropertyMap properties, DynamoDbWaiter waiter) {
        List<String> present = table.globalSecondaryIndexes().stream().map(GlobalSecondaryIndexDescription::indexName).toList();
        for (GlobalSecondaryIndex index : globalIndexes(properties)) {
            if (!present.contains(index.indexName())) {
                update(table.tableName(), waiter, request -> request.attributeDefinitions(attributeDefinitions(properties))
                        .globalSecondaryIndexUpdates(change -> change.create(create -> create.indexName(index.indexName())
                                .keySchema(index.keySchema())
                                .projection(index.projection())
                                .provisionedThroughput(index.provisionedThroughput()))));
            }
        }
    }

    /** A stream that is on is left as it is: another view type would mean a new stream. */
    private void enableStreamIfOff(TableDescription table, PropertyMap properties, DynamoDbWaiter waiter) {
        boolean on = table.streamSpecification() != null && Boolean.TRUE.equals(table.streamSpecification().streamEnabled());
        if (!on) {
            streamSpecification(properties).ifPresent(stream ->
                    update(table.tableName(), waiter, request -> request.streamSpecification(stream)));
        }
    }

    private void update(String name, DynamoDbWaiter waiter, Consumer<UpdateTableRequest.Builder> change) {
        dynamoDb.updateTable(request -> change.accept(request.tableName(name)));
        waiter.waitUntilTableExists(request -> request.tableName(name));
    }

    private static CreateTableRequest createRequest(String name, PropertyMap properties) {
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(attributeDefinitions(properties))
                .keySchema(keySchema(properties.maps("KeySchema")));
        properties.optionalString("BillingMode").ifPresent(request::billingMode);
        properties.optionalMap("ProvisionedThroughput").map(DynamoDbTables::throughput).ifPresent(request::provisionedThroughput);
        List<GlobalSecondaryIndex> globalIndexes = globalIndexes(properties);
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
        streamSpecification(properties).ifPresent(request::streamSpecification);
        properties.optionalMap("SSESpecification").ifPresent(sse -> request.sseSpecification(SSESpecification.builder()
                .enabled(sse.optionalBoolean("SSEEnabled").orElse(false))
                .sseType(sse.optionalString("SSEType").orElse(null))
                .kmsMasterKeyId(sse.optionalString("KMSMasterKeyId").orElse(null))
                .build()));
        return request.build();
    }

    private static List<AttributeDefinition> attributeDefinitions(PropertyMap properties) {
        return properties.maps("AttributeDefinitions").stream()
                .map(definition -> AttributeDefinition.builder()
                        .attributeName(definition.requiredString("AttributeName"))
                        .attributeType(definition.requiredString("AttributeType"))
                        .build())
                .toList();
    }

    private static List<GlobalSecondaryIndex> globalIndexes(PropertyMap properties) {
        return properties.maps("GlobalSecondaryIndexes").stream()
                .map(index -> GlobalSecondaryIndex.builder()
                        .indexName(index.requiredString("IndexName"))
                        .keySchema(keySchema(index.maps("KeySchema")))
                        .projection(projection(index.mapOrEmpty("Projection")))
                        .provisionedThroughput(index.optionalMap("ProvisionedThroughput").map(DynamoDbTables::throughput).orElse(null))
                        .build())
                .toList();
    }

    private static Optional<StreamSpecification> streamSpecification(PropertyMap properties) {
        return properties.optionalMap("StreamSpecification").map(stream -> StreamSpecification.builder()
                .streamEnabled(true)
                .streamViewType(stream.requiredString("StreamViewType"))
                .build());
    }

    /** Not on a table whose time to live is on already: DynamoDB refuses to enable it twice. */
    private void applyTimeToLive(String name, PropertyMap properties) {
        properties.optionalMap("TimeToLiveSpecification")
                .filter(ttl -> ttl.optionalBoolean("Enabled").orElse(false))
                .filter(ttl -> dynamoDb.describeTimeToLive(request -> request.tableName(name)).timeToLiveDescription()
                        .timeToLiveStatus() != TimeToLiveStatus.ENABLED)
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
