package org.cloudcheckkit.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class LocalAwsExtensionTest {

    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withParameter("CloudcheckSecretId", "extension-test/cloudcheck")
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "extension-key", "apiSecret", "extension-secret"));

    private static LocalAws deployedBeforeAll;
    /** Read when GivenEndpointClass is initialised: setting a field of that class itself would initialise it first. */
    private static Map<String, String> givenEndpointEnvironment;

    @BeforeAll
    static void keep(LocalAws aws) {
        deployedBeforeAll = aws;
    }

    @Test
    void injectedDeploymentStoresAndReadsAnItem(LocalAws aws) {
        Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("RECIPIENT#1"), "sk", AttributeValue.fromS("PROFILE"));
        Map<String, AttributeValue> item = new HashMap<>(key);
        item.put("tokenKey", AttributeValue.fromS("token-1"));

        aws.dynamoDb().putItem(request -> request.tableName(aws.physicalName("Table")).item(item));

        assertEquals(item, aws.dynamoDb().getItem(request -> request.tableName(aws.physicalName("Table")).key(key)).item());
    }

    @Test
    void parametersAndSecretsGivenToTheExtensionAreDeployed(LocalAws aws) throws Exception {
        String stored = aws.secretsManager().getSecretValue(request -> request.secretId("extension-test/cloudcheck")).secretString();

        assertEquals("extension-test/cloudcheck", aws.secretName("CloudcheckSecretId"));
        assertEquals(Map.of("apiKey", "extension-key", "apiSecret", "extension-secret"), new ObjectMapper().readValue(stored, Map.class));
    }

    @Test
    void everyTestOfTheClassGetsTheDeploymentMadeBeforeAll(LocalAws aws) {
        assertSame(deployedBeforeAll, aws);
    }

    @Nested
    class NestedClass {

        @Test
        void sharesTheEnclosingClassesDeployment(LocalAws aws) {
            assertSame(deployedBeforeAll, aws);
        }
    }

    @Test
    void oneEmulatorServesTheRunIsResetPerClassAndStopsWithTheRun() throws Exception {
        FirstClass.endpoint = null;
        SecondClass.endpoint = null;

        TestExecutionSummary summary = run(FirstClass.class, SecondClass.class);

        assertEquals(List.of(), summary.getFailures().stream().map(TestExecutionSummary.Failure::getException).toList());
        assertEquals(2, summary.getTestsSucceededCount());
        assertNotNull(FirstClass.endpoint);
        assertEquals(FirstClass.endpoint, SecondClass.endpoint);
        assertEquals(0, SecondClass.itemsAtStart);
        assertEquals(List.of(), ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").endsWith("-p " + FirstClass.endpoint.getPort()))
                .toList());
        try (ServerSocket free = new ServerSocket(FirstClass.endpoint.getPort(), 1, InetAddress.getByName("127.0.0.1"))) {
            assertEquals(FirstClass.endpoint.getPort(), free.getLocalPort());
        }
    }

    @Test
    void anEmulatorThatAwsEndpointUrlNamesIsNeverUsed() {
        try (AwsEmulator given = AwsEmulator.start(EmulatorOptions.defaults());
             DynamoDbClient givenDynamoDb = given.newDynamoDbClient()) {
            givenEndpointEnvironment = Map.of("AWS_ENDPOINT_URL", given.endpoint().toString());

            TestExecutionSummary summary = run(GivenEndpointClass.class);

            assertEquals(List.of(), summary.getFailures().stream().map(TestExecutionSummary.Failure::getException).toList());
            assertEquals(1, summary.getTestsSucceededCount());
            assertNotEquals(given.endpoint(), GivenEndpointClass.endpoint);
            assertEquals(List.of(), givenDynamoDb.listTables().tableNames());
        }
    }

    private static TestExecutionSummary run(Class<?>... testClasses) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(Arrays.stream(testClasses).map(DiscoverySelectors::selectClass).toList())
                .build(), listener);
        return listener.getSummary();
    }

    /** Run only by the launcher above; Surefire skips nested classes that are not @Nested. */
    static class FirstClass {

        @RegisterExtension
        static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

        static URI endpoint;

        @Test
        void leavesAnItemBehind(LocalAws aws) {
            endpoint = aws.endpoint();
            aws.dynamoDb().putItem(request -> request.tableName(aws.physicalName("Table"))
                    .item(Map.of("pk", AttributeValue.fromS("left"), "sk", AttributeValue.fromS("behind"))));
        }
    }

    static class SecondClass {

        @RegisterExtension
        static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

        static URI endpoint;
        static int itemsAtStart = -1;

        @Test
        void startsFromAnEmptyTable(LocalAws aws) {
            endpoint = aws.endpoint();
            itemsAtStart = aws.dynamoDb().scan(request -> request.tableName(aws.physicalName("Table"))).count();
        }
    }

    static class GivenEndpointClass {

        @RegisterExtension
        static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate(givenEndpointEnvironment);

        static URI endpoint;

        @Test
        void deploys(LocalAws aws) {
            endpoint = aws.endpoint();
        }
    }
}
