package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.secrets.SecretUnavailableException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** The service with in-memory clients: signing, what it writes, and how each dependency failure comes out. */
class InitiateVerificationServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final String TOKEN = "vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1Ko5Tq9Ux";
    private static final VerificationRequest SEED_EXAMPLE = new VerificationRequest("R58M12ABCDE", "356938035643809",
            List.of("203.0.113.25"), -36.8485, 174.7633, "NZD", TOKEN);
    private static final String SOURCE_IP = "203.0.113.25";

    private final FakeAws.DynamoDb dynamoDb = new FakeAws.DynamoDb();
    private final FakeAws.Secrets secrets = new FakeAws.Secrets();

    /** Session limits are off unless a test sets them: the in-memory DynamoDB evaluates no condition. */
    private InitiateVerificationService service(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("TABLE_NAME", "table", "CONNECTING_PARTY_SECRET_ID", "cp",
                "MAX_SESSIONS_PER_DEVICE_PER_HOUR", "0", "MAX_SESSIONS_PER_IP_PER_HOUR", "0"));
        environment.putAll(extra);
        return InitiateVerificationService.from(Settings.from(environment), dynamoDb, secrets,
                Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    }

    @Test
    void signsWithTheSecretsKeyAndWritesInvoiceAndDeviceInOneTransaction() {
        InitiatedVerification issued = service(Map.of("TOKEN_BINDING", "false")).initiate(SEED_EXAMPLE, SOURCE_IP);

        assertEquals("LOCAL-ENDPOINT-1", issued.endpointId());
        assertEquals(SessionSignature.compute(ControlKey.parse("4B3A1C2D5E6F7A8B9C0D1E2F3A4B5C6D"), TOKEN, "R58M12ABCDE",
                "LOCAL-ENDPOINT-1", issued.nonce(), issued.invoiceId(), "NZD"), issued.signature());

        assertEquals(1, dynamoDb.transactions.size());
        List<TransactWriteItem> writes = dynamoDb.transactions.get(0).transactItems();
        assertEquals(2, writes.size(), "invoice and device; no binding when TOKEN_BINDING is false");
        Map<String, AttributeValue> invoice = writes.get(0).put().item();
        assertEquals("INVOICE#" + issued.invoiceId(), invoice.get("pk").s());
        assertEquals("INVOICE", invoice.get("sk").s());
        assertEquals(issued.nonce(), invoice.get("nonce").s());
        assertEquals(Fingerprint.of(TOKEN), invoice.get("accessTokenHash").s());
        assertFalse(invoice.values().stream().anyMatch(v -> TOKEN.equals(v.s())), "the raw token is never stored");
        assertEquals(Hmacs.sha256Hex(FakeAws.DEVICE_HASH_KEY, "R58M12ABCDE"), invoice.get("serialNumberHash").s());
        assertFalse(invoice.values().stream().anyMatch(v -> "R58M12ABCDE".equals(v.s())), "nor the raw serial number");
        assertEquals(Long.toString(NOW.getEpochSecond() + 90 * 86400), invoice.get("expiresAt").n(), "90 days by default");
        Map<String, AttributeValue> device = writes.get(1).put().item();
        assertEquals("DEVICE", device.get("sk").s());
        assertEquals(Long.toString(NOW.getEpochSecond() + 72 * 3600), device.get("expiresAt").n());
        assertEquals(issued.invoiceId(), dynamoDb.transactions.get(0).clientRequestToken());
    }

    /** The issue's "nonces of 10,000 calls are unique", through the whole service; invoice ids too. */
    @Test
    void tenThousandCallsGiveTenThousandNoncesAndInvoiceIds() {
        InitiateVerificationService service = service(Map.of());
        Set<String> nonces = new HashSet<>();
        Set<String> invoiceIds = new HashSet<>();

        for (int i = 0; i < 10_000; i++) {
            InitiatedVerification issued = service.initiate(SEED_EXAMPLE, SOURCE_IP);
            assertTrue(nonces.add(issued.nonce()), "nonce repeated at call " + i);
            assertTrue(invoiceIds.add(issued.invoiceId()), "invoice id repeated at call " + i);
        }
        assertEquals(1, secrets.calls, "the secret is cached");
    }

    @Test
    void aRefusedRequestCallsNoDependencyAndWritesNothing() {
        InitiateVerificationService service = service(Map.of("DENIED_IP_ADDRESSES", "203.0.113.0/24"));

        assertEquals("DENIED_IP", assertThrows(RequestFilteredException.class, () -> service.initiate(SEED_EXAMPLE, SOURCE_IP)).code());
        assertEquals(0, secrets.calls);
        assertEquals(0, dynamoDb.transactions.size());
    }

    @Test
    void invoicesExpireAfterInvoiceDaysAndBindingsBindingDaysAfterTheirLastUse() {
        service(Map.of("INVOICE_DAYS", "30", "BINDING_DAYS", "60")).initiate(SEED_EXAMPLE, SOURCE_IP);

        List<TransactWriteItem> writes = dynamoDb.transactions.get(0).transactItems();
        assertEquals(Long.toString(NOW.getEpochSecond() + 30 * 86400), writes.get(0).put().item().get("expiresAt").n());
        Update binding = writes.get(2).update();
        assertTrue(binding.updateExpression().contains("expiresAt = :expires"), "renewed by every use: " + binding.updateExpression());
        assertEquals(Long.toString(NOW.getEpochSecond() + 60 * 86400), binding.expressionAttributeValues().get(":expires").n());
    }

    @Test
    void tokenBindingIsOnWhenTokenBindingIsUnset() {
        service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP);

        List<TransactWriteItem> writes = dynamoDb.transactions.get(0).transactItems();
        assertEquals("ACCESS_TOKEN#" + Fingerprint.of(TOKEN), writes.get(2).update().key().get("pk").s());
        assertEquals(3 + TokenReadings.otherTokens(TOKEN, "R58M12ABCDE").size(), writes.size(),
                "invoice, device, the token's binding, and a check that each other reading's token is unbound");
    }

    @Test
    void withTokenBindingTheTransactionBindsTheTokenHashToTheSerialNumbersKeyedHash() {
        service(Map.of("TOKEN_BINDING", "true")).initiate(SEED_EXAMPLE, SOURCE_IP);

        TransactWriteItem binding = dynamoDb.transactions.get(0).transactItems().get(2);
        assertEquals("ACCESS_TOKEN#" + Fingerprint.of(TOKEN), binding.update().key().get("pk").s());
        assertEquals(Hmacs.sha256Hex(FakeAws.DEVICE_HASH_KEY, "R58M12ABCDE"),
                binding.update().expressionAttributeValues().get(":serial").s());
    }

    @Test
    void aSecretWithoutAUsableDeviceHashKeyIsAFailureThatNamesTheFieldNotTheValue() {
        secrets.secretString = "{\"controlKey\": \"4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D\", \"endpointId\": \"E\"}";
        SecretUnavailableException missing = assertThrows(SecretUnavailableException.class,
                () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP));
        assertTrue(missing.getMessage().contains("deviceHashKey"), missing.getMessage());

        secrets.secretString = "{\"controlKey\": \"4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D\", \"endpointId\": \"E\", "
                + "\"deviceHashKey\": \"too-short-key-value\"}";
        IllegalStateException tooShort = assertThrows(IllegalStateException.class, () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP));
        assertTrue(tooShort.getMessage().contains("deviceHashKey"), tooShort.getMessage());
        assertFalse(tooShort.getMessage().contains("too-short-key-value"), tooShort.getMessage());
        assertEquals(0, dynamoDb.transactions.size());
    }

    @Test
    void aTokenBoundElsewhereIsFiltered() {
        dynamoDb.failure = cancelled("None", "None", "ConditionalCheckFailed");

        RequestFilteredException refused = assertThrows(RequestFilteredException.class,
                () -> service(Map.of("TOKEN_BINDING", "true")).initiate(SEED_EXAMPLE, SOURCE_IP));

        assertEquals("TOKEN_NOT_BOUND_TO_DEVICE", refused.code());
    }

    @Test
    void secretsManagerOutOfReachIsUnavailable() {
        secrets.failure = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();

        ServerUnavailableException unavailable = assertThrows(ServerUnavailableException.class,
                () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP));

        assertEquals("Secrets Manager", unavailable.dependency());
    }

    @Test
    void aSecretThatCannotBeUsedIsAFailureNotAnOutage() {
        secrets.failure = SecretsManagerException.builder().statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDeniedException").build()).build();
        assertInstanceOf(SecretUnavailableException.class, assertThrows(RuntimeException.class,
                () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP)));

        secrets.failure = null;
        secrets.secretString = "{\"controlKey\": \"not hex at all\", \"endpointId\": \"E\"}";
        IllegalStateException malformed = assertThrows(IllegalStateException.class, () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP));
        assertFalse(malformed.getMessage().contains("not hex at all"));
    }

    @Test
    void dynamoDbOutOfReachOrBusyIsUnavailable() {
        dynamoDb.failure = SdkClientException.builder().cause(new ConnectException("Connection refused")).build();
        assertEquals("DynamoDB", assertThrows(ServerUnavailableException.class,
                () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP)).dependency());

        dynamoDb.failure = cancelled("None", "ThrottlingError");
        assertThrows(ServerUnavailableException.class, () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP));

        dynamoDb.failure = cancelled("None", "None", "TransactionConflict");
        assertThrows(ServerUnavailableException.class, () -> service(Map.of("TOKEN_BINDING", "true")).initiate(SEED_EXAMPLE, SOURCE_IP));
    }

    @Test
    void aMissingTableOrAnInvoiceIdCollisionIsAFailure() {
        dynamoDb.failure = ResourceNotFoundException.builder().statusCode(400).message("Requested resource not found").build();
        assertInstanceOf(ResourceNotFoundException.class, assertThrows(RuntimeException.class,
                () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP)));

        dynamoDb.failure = cancelled("ConditionalCheckFailed", "None");
        assertInstanceOf(IllegalStateException.class, assertThrows(RuntimeException.class,
                () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP)));
    }

    /** The control key (in any spelling) and the access token never reach the log, on success or on failure. */
    @Test
    void neitherTheControlKeyNorTheAccessTokenIsLogged() {
        String log = capturingLogs(() -> {
            service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP);
            dynamoDb.failure = cancelled("ConditionalCheckFailed", "None");
            assertThrows(RuntimeException.class, () -> service(Map.of()).initiate(SEED_EXAMPLE, SOURCE_IP));
        });

        assertTrue(log.contains("card verification initiated"), "the capture works: " + log);
        for (String secret : new String[] {"4B3A1C2D5E6F7A8B9C0D1E2F3A4B5C6D", "4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D", TOKEN,
                FakeAws.DEVICE_HASH_KEY,
                "R58M12ABCDE", "356938035643809", "203.0.113.25"}) {
            assertFalse(log.toUpperCase().contains(secret.toUpperCase()), secret + " in: " + log);
        }
    }

    /** A serial number is one of few a maker issues: a plain hash of it, even shortened, is reversed by trying them. */
    @Test
    void aRefusalLogNamesTheDeviceOnlyByItsShortKeyedHash() {
        dynamoDb.failure = cancelled("None", "None", "ConditionalCheckFailed");

        String log = capturingLogs(() -> assertThrows(RequestFilteredException.class,
                () -> service(Map.of("TOKEN_BINDING", "true")).initiate(SEED_EXAMPLE, SOURCE_IP)));

        assertTrue(log.contains("device=" + Hmacs.sha256Hex(FakeAws.DEVICE_HASH_KEY, "R58M12ABCDE").substring(0, 12)), log);
        assertFalse(log.contains(Fingerprint.of("R58M12ABCDE").substring(0, 12)), "the plain hash: " + log);
    }

    private static TransactionCanceledException cancelled(String... codes) {
        return TransactionCanceledException.builder().statusCode(400).message("Transaction cancelled")
                .cancellationReasons(java.util.Arrays.stream(codes).map(code -> CancellationReason.builder().code(code).build()).toList())
                .build();
    }

    static String capturingLogs(Runnable action) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            action.run();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
