package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.model.ObjectLockConfiguration;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class StackDeployerTest {

    private static AwsEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = AwsEmulator.start(EmulatorOptions.defaults());
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @BeforeEach
    void emptyEmulator() {
        emulator.reset();
    }

    private static LocalAws deployProject(Map<String, String> environment) {
        return StackDeployer.deploy(emulator, Templates.project(), StackOptions.defaults(environment));
    }

    @Test
    void tableHasTheTemplatesKeysIndexesStreamAndTimeToLive() {
        try (LocalAws aws = deployProject(Map.of())) {
            String name = aws.physicalName("Table");
            TableDescription table = aws.dynamoDb().describeTable(request -> request.tableName(name)).table();

            assertEquals("cloudcheck-local-Table", name);
            assertEquals(List.of(key("pk", KeyType.HASH), key("sk", KeyType.RANGE)), table.keySchema());
            assertEquals("PAY_PER_REQUEST", table.billingModeSummary().billingModeAsString());
            Map<String, GlobalSecondaryIndexDescription> indexes = new HashMap<>();
            table.globalSecondaryIndexes().forEach(index -> indexes.put(index.indexName(), index));
            assertEquals(List.of(key("tokenKey", KeyType.HASH)), indexes.get("ByToken").keySchema());
            assertEquals("ALL", indexes.get("ByToken").projection().projectionTypeAsString());
            assertEquals(List.of(key("work", KeyType.HASH), key("dueAt", KeyType.RANGE)), indexes.get("DueWork").keySchema());
            assertEquals("ALL", indexes.get("DueWork").projection().projectionTypeAsString());
            assertTrue(table.streamSpecification().streamEnabled());
            assertEquals("NEW_AND_OLD_IMAGES", table.streamSpecification().streamViewTypeAsString());
            assertEquals(table.latestStreamArn(), aws.tableStreamArn("Table"));
            assertEquals("ENABLED", aws.dynamoDbStreams().describeStream(request -> request.streamArn(aws.tableStreamArn("Table")))
                    .streamDescription().streamStatusAsString());
            var timeToLive = aws.dynamoDb().describeTimeToLive(request -> request.tableName(name)).timeToLiveDescription();
            assertEquals("expiresAt", timeToLive.attributeName());
            assertEquals("ENABLED", timeToLive.timeToLiveStatusAsString());
            assertEquals("ENABLED", aws.dynamoDb().describeContinuousBackups(request -> request.tableName(name))
                    .continuousBackupsDescription().pointInTimeRecoveryDescription().pointInTimeRecoveryStatusAsString());
        }
    }

    @Test
    void bucketIsVersionedEncryptedAndPrivateInTheStacksRegion() {
        try (LocalAws aws = deployProject(Map.of())) {
            String bucket = aws.physicalName("ArchiveBucket");

            assertEquals("cloudcheck-local-archivebucket", bucket);
            assertEquals("ap-southeast-2", aws.s3().getBucketLocation(request -> request.bucket(bucket)).locationConstraintAsString());
            assertEquals("Enabled", aws.s3().getBucketVersioning(request -> request.bucket(bucket)).statusAsString());
            var rule = aws.s3().getBucketEncryption(request -> request.bucket(bucket)).serverSideEncryptionConfiguration().rules().get(0);
            assertEquals("aws:kms", rule.applyServerSideEncryptionByDefault().sseAlgorithmAsString());
            assertTrue(rule.bucketKeyEnabled());
            var block = aws.s3().getPublicAccessBlock(request -> request.bucket(bucket)).publicAccessBlockConfiguration();
            assertTrue(block.blockPublicAcls() && block.blockPublicPolicy() && block.ignorePublicAcls() && block.restrictPublicBuckets());
            assertEquals("BucketOwnerEnforced", aws.s3().getBucketOwnershipControls(request -> request.bucket(bucket))
                    .ownershipControls().rules().get(0).objectOwnershipAsString());
        }
    }

    @Test
    void queueHasTheTemplatesAttributes() {
        try (LocalAws aws = deployProject(Map.of())) {
            Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(request -> request
                    .queueUrl(aws.queueUrl("DeadLetterQueue")).attributeNames(QueueAttributeName.ALL)).attributes();

            assertEquals("cloudcheck-local-DeadLetterQueue", aws.physicalName("DeadLetterQueue"));
            assertEquals("1209600", attributes.get(QueueAttributeName.MESSAGE_RETENTION_PERIOD));
            assertEquals("true", attributes.get(QueueAttributeName.SQS_MANAGED_SSE_ENABLED));
        }
    }

    @Test
    void theArchiveBucketLocksEveryVersionForTheRetentionDaysAndADeployAgainKeepsItsObjects() {
        String bucket;
        try (LocalAws aws = deployProject(Map.of())) {
            bucket = aws.physicalName("ArchiveBucket");
            ObjectLockConfiguration lock = aws.s3().getObjectLockConfiguration(r -> r.bucket(bucket)).objectLockConfiguration();

            assertEquals(ObjectLockEnabled.ENABLED, lock.objectLockEnabled());
            assertEquals(ObjectLockRetentionMode.GOVERNANCE, lock.rule().defaultRetention().mode());
            assertEquals(2557, lock.rule().defaultRetention().days());
            aws.s3().putObject(r -> r.bucket(bucket).key("evidence.json"), RequestBody.fromString("{}"));
        }

        try (LocalAws again = deployProject(Map.of())) {
            assertEquals("{}", again.s3().getObjectAsBytes(r -> r.bucket(bucket).key("evidence.json")).asUtf8String());
        }
    }

    @Test
    void secretsHoldWhatTheEnvironmentGives() {
        try (LocalAws aws = deployProject(Map.of("CLOUDCHECK_API_KEY", "key-1", "CLOUDCHECK_API_SECRET", "secret-1",
                "CALLBACK_SIGNING_KEY", "signing-1", "CALLBACK_WEBHOOK_TOKEN", "token-1",
                "CONNECTING_PARTY_CONTROL_KEY", "control-1", "CONNECTING_PARTY_ENDPOINT_ID", "endpoint-1",
                "CONNECTING_PARTY_DEVICE_HASH_KEY", "device-1"))) {

            assertEquals("cloudcheck-serverless/cloudcheck-api", aws.secretName("CloudcheckSecretId"));
            assertEquals("{\"apiKey\":\"key-1\",\"apiSecret\":\"secret-1\"}", secretString(aws, "CloudcheckSecretId"));
            assertEquals("{\"signingKey\":\"signing-1\"}", secretString(aws, "CallbackKeySecret"));
            assertEquals("{\"webhookToken\":\"token-1\"}", secretString(aws, "WebhookTokenSecret"));
            assertEquals("{\"controlKey\":\"control-1\",\"endpointId\":\"endpoint-1\",\"deviceHashKey\":\"device-1\"}",
                    secretString(aws, "ConnectingPartySecretId"));
        }
    }

    @Test
    void secretsWithoutEnvironmentHoldSandboxValuesAndRandomKeys() {
        try (LocalAws aws = deployProject(Map.of())) {
            Map<String, String> callback = aws.secretFields("CallbackKeySecret");

            assertEquals(Map.of("apiKey", "sandbox-key", "apiSecret", "sandbox-secret"), aws.secretFields("CloudcheckSecretId"));
            assertEquals(32, Base64.getUrlDecoder().decode(callback.get("signingKey")).length);
            assertEquals(24, Base64.getUrlDecoder().decode(aws.secretFields("WebhookTokenSecret").get("webhookToken")).length);
            assertEquals(Json.write(callback), secretString(aws, "CallbackKeySecret"));
            Map<String, String> connectingParty = aws.secretFields("ConnectingPartySecretId");
            assertEquals("4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D", connectingParty.get("controlKey"));
            assertEquals("LOCAL-ENDPOINT-1", connectingParty.get("endpointId"));
            assertEquals(32, Base64.getUrlDecoder().decode(connectingParty.get("deviceHashKey")).length);
        }
    }

    @Test
    void secretsTheTemplateMakesAreCreatedAndFunctionsFindThemByTheArnTheirRefGives() {
        try (LocalAws aws = deployProject(Map.of())) {
            Map<String, String> create = aws.functionEnvironment("CreateFunction", Map.of());
            Map<String, String> receipt = aws.functionEnvironment("WebhookReceiptFunction", Map.of());

            assertEquals("cloudcheck-local-CallbackKeySecret", aws.secretName("CallbackKeySecret"));
            assertTrue(create.get("CALLBACK_SECRET_ID").startsWith("arn:aws:secretsmanager:"), create.get("CALLBACK_SECRET_ID"));
            assertEquals(aws.secretFields("CallbackKeySecret"), storedFields(aws, create.get("CALLBACK_SECRET_ID")));
            assertEquals(aws.secretFields("WebhookTokenSecret"), storedFields(aws, receipt.get("WEBHOOK_SECRET_ID")));
            assertFalse(create.containsKey("WEBHOOK_SECRET_ID"), "only the receipt function knows the webhook token's secret");
        }
    }

    private static Map<String, String> storedFields(LocalAws aws, String secretId) {
        return Json.readFields(aws.secretsManager().getSecretValue(request -> request.secretId(secretId)).secretString(),
                "the stored secret");
    }

    @Test
    void secretNameFollowsAParameterOverride() {
        StackOptions options = StackOptions.defaults(Map.of()).withParameter("CloudcheckSecretId", "tests/cloudcheck");

        try (LocalAws aws = StackDeployer.deploy(emulator, Templates.project(), options)) {
            assertEquals("tests/cloudcheck", aws.secretName("CloudcheckSecretId"));
            assertEquals(Json.write(aws.secretFields("CloudcheckSecretId")), secretString(aws, "CloudcheckSecretId"));
        }
    }

    @Test
    void deployingAgainIntoAGivenEmulatorKeepsItemsObjectVersionsAndMessages() {
        AwsEmulator given = AwsEmulator.start(EmulatorOptions.defaults().withEndpoint(emulator.endpoint()));
        try (LocalAws first = StackDeployer.deploy(given, Templates.project(), StackOptions.defaults(Map.of()))) {
            String table = first.physicalName("Table");
            String bucket = first.physicalName("ArchiveBucket");
            Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromS("s"));
            first.dynamoDb().putItem(request -> request.tableName(table).item(item));
            first.s3().putObject(request -> request.bucket(bucket).key("result.pdf"), RequestBody.fromString("v1"));
            first.s3().putObject(request -> request.bucket(bucket).key("result.pdf"), RequestBody.fromString("v2"));
            first.sqs().sendMessage(request -> request.queueUrl(first.queueUrl("DeadLetterQueue")).messageBody("failed batch"));

            try (LocalAws second = StackDeployer.deploy(given, Templates.project(), StackOptions.defaults(Map.of()))) {
                assertEquals(List.of(item), second.dynamoDb().scan(request -> request.tableName(table)).items());
                assertEquals(List.of("v2", "v1"), second.s3().listObjectVersions(request -> request.bucket(bucket)).versions().stream()
                        .map(version -> second.s3().getObjectAsBytes(request -> request.bucket(bucket).key("result.pdf")
                                .versionId(version.versionId())).asUtf8String())
                        .toList());
                assertEquals(List.of("failed batch"), second.sqs().receiveMessage(request -> request
                        .queueUrl(second.queueUrl("DeadLetterQueue"))).messages().stream().map(Message::body).toList());
            }
        }
    }

    @Test
    void anExistingTableGainsTheIndexStreamAndTimeToLiveAndAQueueTheAttributesTheTemplateNowHas() {
        try (LocalAws before = StackDeployer.deploy(emulator, Templates.inline("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: 30}
                """), StackOptions.defaults(Map.of()))) {
            before.dynamoDb().putItem(request -> request.tableName(before.physicalName("Table"))
                    .item(Map.of("pk", AttributeValue.fromS("p"), "token", AttributeValue.fromS("t"))));
            before.sqs().sendMessage(request -> request.queueUrl(before.queueUrl("Queue")).messageBody("waiting"));
        }

        try (LocalAws after = StackDeployer.deploy(emulator, Templates.inline("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      BillingMode: PAY_PER_REQUEST
                      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}, {AttributeName: token, AttributeType: S}]
                      KeySchema: [{AttributeName: pk, KeyType: HASH}]
                      GlobalSecondaryIndexes:
                        - IndexName: ByToken
                          KeySchema: [{AttributeName: token, KeyType: HASH}]
                          Projection: {ProjectionType: ALL}
                      StreamSpecification: {StreamViewType: NEW_AND_OLD_IMAGES}
                      TimeToLiveSpecification: {AttributeName: expiresAt, Enabled: true}
                  Queue:
                    Type: AWS::SQS::Queue
                    Properties: {VisibilityTimeout: 45}
                """), StackOptions.defaults(Map.of()))) {
            String table = after.physicalName("Table");

            assertEquals(List.of(AttributeValue.fromS("p")), after.dynamoDb().query(request -> request.tableName(table).indexName("ByToken")
                    .keyConditionExpression("#token = :token").expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":token", AttributeValue.fromS("t")))).items().stream().map(found -> found.get("pk")).toList());
            assertEquals("ENABLED", after.dynamoDbStreams().describeStream(request -> request.streamArn(after.tableStreamArn("Table")))
                    .streamDescription().streamStatusAsString());
            assertEquals("ENABLED", after.dynamoDb().describeTimeToLive(request -> request.tableName(table))
                    .timeToLiveDescription().timeToLiveStatusAsString());
            assertEquals("45", after.sqs().getQueueAttributes(request -> request.queueUrl(after.queueUrl("Queue"))
                    .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT)).attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT));
            assertEquals(List.of("waiting"), after.sqs().receiveMessage(request -> request.queueUrl(after.queueUrl("Queue")))
                    .messages().stream().map(Message::body).toList());
        }
    }

    @Test
    void aStoredSecretKeepsItsValueOverADefaultSeedAndTakesAnExplicitOne() {
        Map<String, String> firstRun;
        try (LocalAws first = deployProject(Map.of())) {
            firstRun = first.secretFields("CallbackKeySecret");
        }

        try (LocalAws restarted = deployProject(Map.of())) {
            assertEquals(firstRun, restarted.secretFields("CallbackKeySecret"));
            assertEquals(Json.write(firstRun), secretString(restarted, "CallbackKeySecret"));
        }
        try (LocalAws given = deployProject(Map.of("CALLBACK_SIGNING_KEY", "given-key"))) {
            Map<String, String> expected = Map.of("signingKey", "given-key");
            assertEquals(expected, given.secretFields("CallbackKeySecret"));
            assertEquals(expected, Json.readFields(secretString(given, "CallbackKeySecret"), "the stored secret"));
        }
    }

    @Test
    void resourcesAreCreatedBeforeWhatRefersToThem() throws Exception {
        StackTemplate template = Templates.inline("""
                Resources:
                  Work:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 45
                      RedrivePolicy:
                        deadLetterTargetArn: !GetAtt Dead.Arn
                        maxReceiveCount: 3
                  Dead:
                    Type: AWS::SQS::Queue
                """);

        try (LocalAws aws = StackDeployer.deploy(emulator, template, StackOptions.defaults(Map.of()))) {
            Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(request -> request
                    .queueUrl(aws.queueUrl("Work")).attributeNames(QueueAttributeName.ALL)).attributes();

            assertEquals("45", attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT));
            assertEquals(Map.of("deadLetterTargetArn", aws.resources().get("Dead").attributes().get("Arn"), "maxReceiveCount", 3),
                    new ObjectMapper().readValue(attributes.get(QueueAttributeName.REDRIVE_POLICY), Map.class));
        }
    }

    @Test
    void resourceWhoseConditionIsFalseIsNotCreated() {
        StackTemplate template = Templates.inline("""
                Parameters:
                  Env: {Type: String, Default: dev}
                Conditions:
                  IsProd: !Equals [!Ref Env, prod]
                Resources:
                  Always:
                    Type: AWS::SQS::Queue
                  ProdOnly:
                    Type: AWS::SQS::Queue
                    Condition: IsProd
                """);

        try (LocalAws aws = StackDeployer.deploy(emulator, template, StackOptions.defaults(Map.of()))) {
            assertEquals(List.of(aws.queueUrl("Always")), aws.sqs().listQueues().queueUrls());
        }
    }

    @Test
    void unresolvableRefFailsNamingWhereAndWhat() {
        StackTemplate template = Templates.inline("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                    Properties:
                      TableName: !Sub "${Nope}-table"
                """);

        TemplateException error = assertThrows(TemplateException.class,
                () -> StackDeployer.deploy(emulator, template, StackOptions.defaults(Map.of())));

        assertEquals("Resources.Table.Properties: Cannot resolve {\"Fn::Sub\":\"${Nope}-table\"}: no parameter or resource is named Nope",
                error.getMessage());
    }

    @Test
    void secretParameterWithoutASeedIsReported() {
        StackTemplate template = Templates.inline("""
                Parameters:
                  AkahuSecretId: {Type: String, Default: akahu}
                Resources:
                  Queue:
                    Type: AWS::SQS::Queue
                """);

        TemplateException error = assertThrows(TemplateException.class,
                () -> StackDeployer.deploy(emulator, template, StackOptions.defaults(Map.of())));

        assertEquals("AkahuSecretId is a secret of the template, but no seed says what it holds: add one to SecretSeeds",
                error.getMessage());
    }

    @Test
    void functionEnvironmentIsResolvedThenPointedAtTheEmulatorThenOverridden() {
        try (LocalAws aws = StackDeployer.deploy(emulator, Templates.fixture("functions.yaml"), StackOptions.defaults(Map.of()))) {
            Map<String, String> environment = aws.functionEnvironment("Everything",
                    Map.of("SELF_ARN", "arn:aws:lambda:local:function:Everything", "AWS_REGION", "us-east-1"));

            assertEquals(Map.of(
                    "TABLE_NAME", "cloudcheck-local-Table",
                    "STAGE", "dev",
                    "SHARED", "from-function",
                    "STREAM", aws.tableStreamArn("Table"),
                    "AWS_ENDPOINT_URL", emulator.endpoint().toString(),
                    "AWS_REGION", "us-east-1",
                    "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test",
                    "SELF_ARN", "arn:aws:lambda:local:function:Everything"), environment);
            assertFalse(environment.containsKey("OPTIONAL"));
        }
    }

    @Test
    void projectFunctionsRunAgainstTheDeployedResources() {
        try (LocalAws aws = deployProject(Map.of())) {
            for (ServerlessFunction function : aws.template().functions()) {
                Map<String, String> environment = aws.functionEnvironment(function.logicalId(), Map.of());

                assertEquals(aws.physicalName("Table"), environment.get("TABLE_NAME"), function.logicalId());
                assertEquals(aws.physicalName("ArchiveBucket"), environment.get("ARCHIVE_BUCKET"), function.logicalId());
                assertEquals(aws.secretName("CloudcheckSecretId"), environment.get("CLOUDCHECK_SECRET_ID"), function.logicalId());
                assertEquals(emulator.endpoint().toString(), environment.get("AWS_ENDPOINT_URL"), function.logicalId());
            }
        }
    }

    @Test
    void projectFunctionsGetTheLogFormatAndLevelLambdaSetsFromTheirLoggingConfig() {
        try (LocalAws aws = StackDeployer.deploy(emulator, Templates.project(),
                StackOptions.defaults(Map.of()).withParameter("ApplicationLogLevel", "DEBUG"))) {
            for (ServerlessFunction function : aws.template().functions()) {
                Map<String, String> environment = aws.functionEnvironment(function.logicalId(), Map.of());

                assertEquals("JSON", environment.get("AWS_LAMBDA_LOG_FORMAT"), function.logicalId());
                assertEquals("DEBUG", environment.get("AWS_LAMBDA_LOG_LEVEL"), function.logicalId());
            }
        }
    }

    @Test
    void eventSourcesResolveToTheDeployedResources() {
        try (LocalAws aws = StackDeployer.deploy(emulator, Templates.fixture("functions.yaml"), StackOptions.defaults(Map.of()))) {
            FunctionEvent.DynamoDb changes = aws.template().function("Everything").events().stream()
                    .filter(FunctionEvent.DynamoDb.class::isInstance).map(FunctionEvent.DynamoDb.class::cast)
                    .findFirst().orElseThrow();

            assertEquals(Optional.of(aws.tableStreamArn("Table")), aws.resolve(changes.stream()));
            assertEquals(Optional.of(aws.resources().get("Failures").attributes().get("Arn")),
                    aws.resolve(changes.onFailureDestination().orElseThrow()));
        }
    }

    @Test
    void functionEnvironmentNamesAVariableWithoutLocalValue() {
        try (LocalAws aws = StackDeployer.deploy(emulator, Templates.fixture("functions.yaml"), StackOptions.defaults(Map.of()))) {
            TemplateException error = assertThrows(TemplateException.class, () -> aws.functionEnvironment("Everything", Map.of()));

            assertTrue(error.getMessage().startsWith("Environment variable SELF_ARN of Everything: Cannot resolve "
                    + "{\"Fn::GetAtt\":[\"Everything\",\"Arn\"]}"), error.getMessage());
        }
    }

    @Test
    void stackNamePrefixesEveryGeneratedName() {
        StackOptions options = StackOptions.defaults(Map.of()).withStackName("other");

        try (LocalAws aws = StackDeployer.deploy(emulator, Templates.project(), options)) {
            assertEquals("other-Table", aws.physicalName("Table"));
            assertEquals("other-archivebucket", aws.physicalName("ArchiveBucket"));
            assertEquals("other-DeadLetterQueue", aws.physicalName("DeadLetterQueue"));
            assertTrue(aws.queueUrl("DeadLetterQueue").endsWith("/other-DeadLetterQueue"), aws.queueUrl("DeadLetterQueue"));
        }
    }

    private static String secretString(LocalAws aws, String parameter) {
        return aws.secretsManager().getSecretValue(request -> request.secretId(aws.secretName(parameter))).secretString();
    }

    private static KeySchemaElement key(String attribute, KeyType type) {
        return KeySchemaElement.builder().attributeName(attribute).keyType(type).build();
    }
}
