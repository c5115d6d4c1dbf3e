package org.cloudcheckkit.functions.cardverification;

import static org.cloudcheckkit.functions.cardverification.Replies.assertError;
import static org.cloudcheckkit.functions.cardverification.Replies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.cloudcheckkit.aws.AwsClients;
import org.cloudcheckkit.aws.AwsSettings;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.cloudcheckkit.table.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The handler as Lambda runs it (built from its environment through Components), against the template's table and
 * secrets in moto, driven by events/card-verification-*.json. Each error cause comes from a real condition: a deny
 * list, a token bound to another device, a missing table, a malformed secret. (The stopped emulator is
 * {@link InitiateVerificationOutageTest}.)
 */
class InitiateVerificationHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    static final String FUNCTION = "InitiateVerificationFunction";
    private static final String SEED_TOKEN = "vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1Ko5Tq9Ux";

    @Test
    void theSeedExampleSucceedsWithASignatureTheGatewayCanCheck(LocalAws aws) throws Exception {
        InitiateVerificationHandler handler = handler(aws, Map.of("DEVICE_DATA_HOURS", "5"));
        Instant before = Instant.now();

        Replies.Logged<APIGatewayV2HTTPResponse> call = Replies.logged(
                () -> InContract.handle(handler, CardVerificationEvents.load(CardVerificationEvents.INITIATE), null));

        APIGatewayV2HTTPResponse response = call.result();
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
        JsonNode body = body(response);
        assertEquals(Set.of("endpointId", "invoiceId", "session"), fieldNames(body));
        assertEquals(Set.of("nonce", "signature"), fieldNames(body.get("session")));
        String endpointId = body.get("endpointId").asText();
        String invoiceId = body.get("invoiceId").asText();
        String nonce = body.get("session").get("nonce").asText();
        String signature = body.get("session").get("signature").asText();
        Map<String, String> secret = aws.secretFields("ConnectingPartySecretId");
        assertEquals(secret.get("endpointId"), endpointId);
        assertTrue(nonce.matches("[A-Za-z0-9]{64}"), nonce);
        UUID.fromString(invoiceId);
        // Recomputed here from the seeded secret, independently of the production code's signing.
        assertEquals(hmacSha1UpperHex(secret.get("controlKey"),
                SEED_TOKEN + "R58M12ABCDE" + endpointId + nonce + invoiceId + "NZD"), signature);

        Item invoice = item(aws, "INVOICE#" + invoiceId, "INVOICE");
        assertEquals(hmacSha256Hex(secret.get("deviceHashKey"), "R58M12ABCDE"), invoice.string("serialNumberHash"));
        assertEquals(nonce, invoice.string("nonce"));
        assertEquals("NZD", invoice.string("currency"));
        assertEquals(endpointId, invoice.string("endpointId"));
        Item device = item(aws, "INVOICE#" + invoiceId, "DEVICE");
        assertEquals("356938035643809", device.string("imei"));
        assertEquals("203.0.113.25", device.list("ipAddresses").get(0).s());
        long expiresAt = device.number("expiresAt").orElseThrow();
        assertTrue(expiresAt >= before.plus(Duration.ofHours(5)).getEpochSecond()
                && expiresAt <= Instant.now().plus(Duration.ofHours(5)).getEpochSecond(), "expiresAt " + expiresAt);

        assertTrue(call.log().contains("status=200"), call.log());
        assertSecretsNotIn(call.log(), secret.get("controlKey"), SEED_TOKEN, "R58M12ABCDE", "356938035643809", "203.0.113.25");
    }

    @Test
    void aBase64EncodedBodyIsReadToo(LocalAws aws) {
        APIGatewayV2HTTPEvent event = CardVerificationEvents.load(CardVerificationEvents.INITIATE);
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        assertEquals(200, InContract.handle(handler(aws, Map.of()), event, null).getStatusCode());
    }

    @Test
    void theInvalidSampleIsRefusedNamingTheFirstFieldAndListingTheRest(LocalAws aws) {
        long stored = storedItemCount(aws);

        APIGatewayV2HTTPResponse response = InContract.handle(handler(aws, Map.of()),
                CardVerificationEvents.load(CardVerificationEvents.INITIATE_INVALID), null);

        JsonNode error = assertError(response, 400, "INVALID_REQUEST", "INVALID_LENGTH");
        assertTrue(error.get("message").asText().contains("consumer.device.serialNumber"), error.toString());
        List<String> fields = error.get("problems").findValuesAsText("field");
        assertEquals(List.of("consumer.device.serialNumber", "transaction.currency", "session.accessToken",
                "consumer.ipAddresses[0]"), fields);
        assertEquals(stored, storedItemCount(aws));
    }

    @Test
    void malformedJsonIsAnInvalidRequest(LocalAws aws) {
        APIGatewayV2HTTPEvent event = CardVerificationEvents.load(CardVerificationEvents.INITIATE);
        event.setBody(event.getBody().substring(0, 40));

        JsonNode error = assertError(InContract.handle(handler(aws, Map.of()),
                event, null), 400, "INVALID_REQUEST", "MALFORMED_JSON");
        assertEquals("body", error.get("problems").get(0).get("field").asText());
    }

    @Test
    void aDenyListedIpAddressIsFilteredAndNothingIsWritten(LocalAws aws) {
        long stored = storedItemCount(aws);
        InitiateVerificationHandler handler = handler(aws, Map.of("DENIED_IP_ADDRESSES", "198.51.100.9, 203.0.113.16/28"));

        JsonNode error = assertError(InContract.handle(handler,
                CardVerificationEvents.load(CardVerificationEvents.INITIATE), null),
                403, "FILTERED", "DENIED_IP");

        assertTrue(error.get("message").asText().contains("consumer.ipAddresses"));
        assertEquals(stored, storedItemCount(aws));
    }

    @Test
    void aDenyListedSerialNumberIsFilteredAndNothingIsWritten(LocalAws aws) {
        long stored = storedItemCount(aws);
        InitiateVerificationHandler handler = handler(aws, Map.of("DENIED_SERIAL_NUMBERS", "LOST-0001,R58M12ABCDE"));

        assertError(InContract.handle(handler, CardVerificationEvents.load(CardVerificationEvents.INITIATE), null),
                403, "FILTERED", "DENIED_DEVICE");

        assertEquals(stored, storedItemCount(aws));
    }

    @Test
    void aTokenUsedFromAnotherDeviceIsFilteredWhenTokenBindingIsOn(LocalAws aws) {
        InitiateVerificationHandler handler = handler(aws, Map.of("TOKEN_BINDING", "true"));
        String token = "bind-" + UUID.randomUUID();

        assertEquals(200, InContract.handle(handler,
                CardVerificationEvents.initiate("DEVICE-A-1", token), null).getStatusCode());
        assertEquals(200, InContract.handle(handler,
                CardVerificationEvents.initiate("DEVICE-A-1", token), null).getStatusCode());
        long stored = storedItemCount(aws);

        JsonNode error = assertError(InContract.handle(handler,
                CardVerificationEvents.initiate("DEVICE-B-2", token), null),
                403, "FILTERED", "TOKEN_NOT_BOUND_TO_DEVICE");

        assertTrue(error.get("message").asText().contains("session.accessToken"));
        assertEquals(stored, storedItemCount(aws));
        // With binding off, the same token from another device is accepted: the policy is the setting's.
        assertEquals(200, InContract.handle(handler(aws, Map.of()),
                CardVerificationEvents.initiate("DEVICE-B-2", token), null)
                .getStatusCode());
    }

    /**
     * The security issue's attack: the signature runs token and serial number together, so token + "D" with serial
     * "EVICE-B" would sign what the bound token signs on device "DEVICE-B".
     */
    @Test
    void aTokenBoundToOneDeviceGetsNoSignatureForAnotherByMovingACharacterIntoTheSerialNumber(LocalAws aws) {
        InitiateVerificationHandler handler = handler(aws, Map.of("TOKEN_BINDING", "true"));
        String token = "resplit-" + UUID.randomUUID();
        assertEquals(200, InContract.handle(handler,
                CardVerificationEvents.initiate("DEVICE-A", token), null).getStatusCode());
        long stored = storedItemCount(aws);

        JsonNode error = assertError(InContract.handle(handler,
                CardVerificationEvents.initiate("EVICE-B", token + "D"), null),
                403, "FILTERED", "AMBIGUOUS_TOKEN");

        assertTrue(error.get("message").asText().contains("session.accessToken"), error.toString());
        assertEquals(stored, storedItemCount(aws));
    }

    /**
     * Serial numbers are few and guessable, so a plain hash of one is reversed by trying them: the invoice and the
     * binding hold only its HMAC-SHA256 under the Connecting Party secret's deviceHashKey.
     */
    @Test
    void serialNumbersAreStoredOnlyAsTheirHashUnderTheSecretsDeviceHashKey(LocalAws aws) throws Exception {
        String token = "keyed-" + UUID.randomUUID();
        APIGatewayV2HTTPResponse response = InContract.handle(handler(aws, Map.of("TOKEN_BINDING", "true")),
                CardVerificationEvents.initiate("SERIAL-KEYED-1", token), null);
        String invoiceId = body(response).get("invoiceId").asText();

        String keyed = hmacSha256Hex(aws.secretFields("ConnectingPartySecretId").get("deviceHashKey"), "SERIAL-KEYED-1");
        Item invoice = item(aws, "INVOICE#" + invoiceId, "INVOICE");
        Item binding = item(aws, "ACCESS_TOKEN#" + sha256Hex(token), "BINDING");
        assertEquals(keyed, invoice.string("serialNumberHash"));
        assertEquals(keyed, binding.string("serialNumberHash"));
        for (Item stored : List.of(invoice, binding)) {
            assertFalse(stored.attributes().values().stream().anyMatch(value -> value.toString().contains("SERIAL-KEYED-1")),
                    "the raw serial number in " + stored.attributes());
        }
    }

    /** Invoices and bindings are kept for a configured time (DynamoDB TTL), a binding from its last use. */
    @Test
    void invoicesExpireAfterInvoiceDaysAndBindingsAfterBindingDays(LocalAws aws) throws Exception {
        InitiateVerificationHandler handler = handler(aws, Map.of("TOKEN_BINDING", "true", "INVOICE_DAYS", "3",
                "BINDING_DAYS", "7"));
        String token = "expiry-" + UUID.randomUUID();
        Instant before = Instant.now();

        String invoiceId = body(InContract.handle(handler,
                CardVerificationEvents.initiate("SERIAL-EXPIRY-1", token), null))
                .get("invoiceId").asText();

        assertExpiresAfter(item(aws, "INVOICE#" + invoiceId, "INVOICE"), Duration.ofDays(3), before);
        assertExpiresAfter(item(aws, "ACCESS_TOKEN#" + sha256Hex(token), "BINDING"), Duration.ofDays(7), before);
    }

    /**
     * A session limit lifts by itself, so it is answered 429 with Retry-After (seconds to the next clock hour) and
     * the seed's cause FILTERED. The clock is fixed, so the hour cannot turn between the calls.
     */
    @Test
    void aDeviceOverItsHourlyLimitOfSessionsIsAnswered429WithRetryAfter(LocalAws aws) {
        InitiateVerificationHandler handler = handler(aws, Map.of("MAX_SESSIONS_PER_DEVICE_PER_HOUR", "2"),
                Instant.parse("2026-11-22T09:59:30Z"));
        String token = "limit-" + UUID.randomUUID();
        assertEquals(200, InContract.handle(handler,
                CardVerificationEvents.initiate("SERIAL-LIMITED-1", token), null).getStatusCode());
        assertEquals(200, InContract.handle(handler,
                CardVerificationEvents.initiate("SERIAL-LIMITED-1", token), null).getStatusCode());
        long stored = storedItemCount(aws);

        APIGatewayV2HTTPResponse response = InContract.handle(handler,
                CardVerificationEvents.initiate("SERIAL-LIMITED-1", token), null);

        JsonNode error = assertError(response, 429, "FILTERED", "DEVICE_SESSION_LIMIT");
        assertEquals("30", response.getHeaders().get("Retry-After"));
        assertTrue(error.get("message").asText().contains("consumer.device.serialNumber"), error.toString());
        assertEquals(stored, storedItemCount(aws), "nothing written for the refused request");
    }

    /** Per caller address as API Gateway saw it (the event's sourceIp), whatever devices the requests name. */
    @Test
    void anAddressOverItsHourlyLimitOfSessionsIsAnswered429WithRetryAfter(LocalAws aws) {
        InitiateVerificationHandler handler = handler(aws, Map.of("MAX_SESSIONS_PER_IP_PER_HOUR", "2"),
                Instant.parse("2026-11-22T09:20:00Z"));
        for (String device : List.of("SERIAL-IP-1", "SERIAL-IP-2")) {
            assertEquals(200, InContract.handle(handler, fromAddress("198.51.100.77", device), null).getStatusCode());
        }

        APIGatewayV2HTTPResponse response = InContract.handle(handler,
                fromAddress("198.51.100.77", "SERIAL-IP-3"), null);

        assertError(response, 429, "FILTERED", "IP_SESSION_LIMIT");
        assertEquals("2400", response.getHeaders().get("Retry-After"));
        assertEquals(200, InContract.handle(handler,
                fromAddress("198.51.100.78", "SERIAL-IP-3"), null).getStatusCode());
    }

    /** Fails closed: a deployment that does not set TOKEN_BINDING still binds; only "false" turns binding off. */
    @Test
    void aTokenUsedFromAnotherDeviceIsFilteredWhenTokenBindingIsUnset(LocalAws aws) {
        InitiateVerificationHandler handler = handler(aws, Map.of("TOKEN_BINDING", ""));
        String token = "unset-" + UUID.randomUUID();

        assertEquals(200, InContract.handle(handler,
                CardVerificationEvents.initiate("DEVICE-A-3", token), null).getStatusCode());

        assertError(InContract.handle(handler, CardVerificationEvents.initiate("DEVICE-B-4", token), null),
                403, "FILTERED", "TOKEN_NOT_BOUND_TO_DEVICE");
    }

    /** A table that does not exist is a configuration fault: SERVER_FAILED, details in the log only. */
    @Test
    void aMissingTableIsAServerFailure(LocalAws aws) {
        InitiateVerificationHandler handler = handler(aws, Map.of("TABLE_NAME", "no-such-table"));

        Replies.Logged<APIGatewayV2HTTPResponse> call = Replies.logged(
                () -> InContract.handle(handler, CardVerificationEvents.load(CardVerificationEvents.INITIATE), null));

        JsonNode error = assertError(call.result(), 500, "SERVER_FAILED", "INTERNAL_ERROR");
        assertTrue(error.get("message").asText().contains("sample-card-verification-1"), "names the request id");
        assertFalse(call.result().getBody().contains("no-such-table"), "no details in the answer");
        assertTrue(call.log().contains("ResourceNotFoundException"), "details in the log: " + call.log());
        assertSecretsNotIn(call.log(), aws.secretFields("ConnectingPartySecretId").get("controlKey"), SEED_TOKEN);
    }

    @Test
    void aMalformedControlKeyIsAServerFailureThatDoesNotLogTheSecret(LocalAws aws) {
        String secretName = "card-verification/malformed-" + UUID.randomUUID();
        aws.secretsManager().createSecret(r -> r.name(secretName)
                .secretString("{\"controlKey\": \"ZZ-malformed-control-key-value-ZZ\", \"endpointId\": \"E-1\"}"));
        InitiateVerificationHandler handler = handler(aws, Map.of("CONNECTING_PARTY_SECRET_ID", secretName));

        Replies.Logged<APIGatewayV2HTTPResponse> call = Replies.logged(
                () -> InContract.handle(handler, CardVerificationEvents.load(CardVerificationEvents.INITIATE), null));

        assertError(call.result(), 500, "SERVER_FAILED", "INTERNAL_ERROR");
        assertTrue(call.log().contains("controlKey is not hexadecimal"), call.log());
        assertFalse(call.log().contains("malformed-control-key-value"), call.log());
    }

    static InitiateVerificationHandler handler(LocalAws aws, Map<String, String> overrides) {
        return new InitiateVerificationHandler(Components.fromEnvironment(environment(aws, overrides)));
    }

    /** The handler on a clock that stands still at {@code now}. */
    private static InitiateVerificationHandler handler(LocalAws aws, Map<String, String> overrides, Instant now) {
        Map<String, String> environment = environment(aws, overrides);
        return new InitiateVerificationHandler(new Components(Settings.from(environment),
                new AwsClients(AwsSettings.fromEnvironment(environment)), Clock.fixed(now, ZoneOffset.UTC), new SecureRandom()));
    }

    /** The sample event from {@code sourceIp}, naming device {@code serialNumber}. */
    private static APIGatewayV2HTTPEvent fromAddress(String sourceIp, String serialNumber) {
        APIGatewayV2HTTPEvent event = CardVerificationEvents.initiate(serialNumber, "address-" + UUID.randomUUID());
        event.getRequestContext().getHttp().setSourceIp(sourceIp);
        return event;
    }

    /**
     * The function's environment from template.yaml, with the policy settings pinned so each test states its own.
     * Until template.yaml declares InitiateVerificationFunction, another front-end function stands in: the
     * variables this function reads beyond the Globals are all pinned here.
     */
    static Map<String, String> environment(LocalAws aws, Map<String, String> overrides) {
        Map<String, String> pinned = new HashMap<>(Map.of("DENIED_IP_ADDRESSES", "", "DENIED_SERIAL_NUMBERS", "",
                "TOKEN_BINDING", "false", "DEVICE_DATA_HOURS", "72", "MAX_SESSIONS_PER_DEVICE_PER_HOUR", "0",
                "MAX_SESSIONS_PER_IP_PER_HOUR", "0"));
        pinned.putAll(overrides);
        boolean declared = aws.template().functions().stream().map(ServerlessFunction::logicalId).anyMatch(FUNCTION::equals);
        return aws.functionEnvironment(declared ? FUNCTION : "CreateFunction", pinned);
    }

    static void assertSecretsNotIn(String log, String controlKey, String... values) {
        String upper = log.toUpperCase();
        assertFalse(upper.contains(controlKey.toUpperCase()), "control key in the log");
        assertFalse(upper.contains(controlKey.replace("-", "").toUpperCase()), "control key in the log");
        for (String value : values) {
            assertFalse(log.contains(value), "'" + value + "' in the log");
        }
    }

    private static String hmacSha1UpperHex(String controlKey, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(HexFormat.of().parseHex(controlKey.replace("-", "")), "HmacSHA1"));
        return HexFormat.of().withUpperCase().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertExpiresAfter(Item item, Duration kept, Instant before) {
        long expiresAt = item.number("expiresAt").orElseThrow(() -> new AssertionError("no expiresAt: " + item.attributes()));
        assertTrue(expiresAt >= before.plus(kept).getEpochSecond() && expiresAt <= Instant.now().plus(kept).getEpochSecond(),
                "expiresAt " + expiresAt);
    }

    private static String hmacSha256Hex(String key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private static String sha256Hex(String text) throws GeneralSecurityException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Item item(LocalAws aws, String pk, String sk) {
        Item item = Item.of(aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table")).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                .consistentRead(true)).item());
        assertFalse(item.isEmpty(), pk + " " + sk + " was not written");
        return item;
    }

    /** INVOICE, DEVICE, BINDING and session counter items in the table: what a refused request must not change. */
    static long storedItemCount(LocalAws aws) {
        return aws.dynamoDb().scanPaginator(r -> r.tableName(aws.physicalName("Table"))).items().stream()
                .map(item -> item.get("pk").s())
                .filter(pk -> pk.startsWith("INVOICE#") || pk.startsWith("ACCESS_TOKEN#") || pk.startsWith("SESSIONS#"))
                .count();
    }
}
