package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.table.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The store against the template's table in moto: what is written, the token binding, and that nothing is overwritten. */
class InvoiceStoreTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    private static final Instant NOW = Instant.parse("2026-11-22T09:00:00Z");
    private static final String DEVICE_HASH_KEY = FakeAws.DEVICE_HASH_KEY;
    private static final DeviceHashKey DEVICE_KEY = DeviceHashKey.parse(DEVICE_HASH_KEY);
    private static final Duration INVOICES_KEPT = Duration.ofDays(30);
    private static final Duration BINDINGS_KEPT = Duration.ofDays(60);
    private final InvoiceIds invoiceIds = new InvoiceIds(new SecureRandom());
    private final SessionNonces nonces = new SessionNonces(new SecureRandom());

    @Test
    void writesTheInvoiceAndTheExpiringDeviceItem(LocalAws aws) {
        InvoiceStore store = store(aws);
        VerificationRequest request = request("R58M12ABCDE", token(), "356938035643809", List.of("203.0.113.25", "198.51.100.4"));
        InitiatedVerification issued = issued();

        store.record(issued, request, null, DEVICE_KEY, false);

        Item invoice = get(aws, InvoiceStore.invoicePartition(issued.invoiceId()), "INVOICE");
        assertEquals(issued.invoiceId(), invoice.string("invoiceId"));
        assertEquals("LOCAL-ENDPOINT-1", invoice.string("endpointId"));
        assertEquals("NZD", invoice.string("currency"));
        assertEquals(Hmacs.sha256Hex(DEVICE_HASH_KEY, "R58M12ABCDE"), invoice.string("serialNumberHash"));
        assertFalse(invoice.attributes().values().stream().anyMatch(v -> "R58M12ABCDE".equals(v.s())), "no raw serial number");
        assertEquals(Fingerprint.of(request.accessToken()), invoice.string("accessTokenHash"));
        assertEquals(issued.nonce(), invoice.string("nonce"));
        assertEquals(issued.signature(), invoice.string("signature"));
        assertEquals("INITIATED", invoice.string("status"));
        assertEquals(NOW.toString(), invoice.string("createdAt"));
        assertEquals(NOW.plus(INVOICES_KEPT).getEpochSecond(), invoice.number("expiresAt").orElseThrow());
        assertFalse(invoice.attributes().containsKey("imei") || invoice.attributes().containsKey("ipAddresses"));

        Item device = get(aws, InvoiceStore.invoicePartition(issued.invoiceId()), "DEVICE");
        assertEquals("356938035643809", device.string("imei"));
        assertEquals(List.of("203.0.113.25", "198.51.100.4"), device.list("ipAddresses").stream().map(v -> v.s()).toList());
        assertEquals("-36.8485", device.attributes().get("latitude").n());
        assertEquals(NOW.plus(Duration.ofHours(72)).getEpochSecond(), device.number("expiresAt").orElseThrow());
        assertTrue(get(aws, InvoiceStore.accessTokenPartition(request.accessToken()), "BINDING").isEmpty(),
                "no binding without token binding");
    }

    @Test
    void withoutDeviceDataThereIsNoDeviceItem(LocalAws aws) {
        InitiatedVerification issued = issued();
        store(aws).record(issued, new VerificationRequest("S-1", null, List.of(), null, null, "AUD", token()), null, DEVICE_KEY, false);

        assertFalse(get(aws, InvoiceStore.invoicePartition(issued.invoiceId()), "INVOICE").isEmpty());
        assertTrue(get(aws, InvoiceStore.invoicePartition(issued.invoiceId()), "DEVICE").isEmpty());
    }

    @Test
    void theFirstCallBindsTheTokenAndAnotherDeviceIsRefusedWithNothingWritten(LocalAws aws) {
        InvoiceStore store = store(aws);
        String token = token();
        InitiatedVerification first = issued();
        store.record(first, request("DEVICE-A", token, null, List.of()), null, DEVICE_KEY, true);
        InitiatedVerification again = issued();
        store.record(again, request("DEVICE-A", token, null, List.of()), null, DEVICE_KEY, true);

        InitiatedVerification other = issued();
        RequestFilteredException refused = assertThrows(RequestFilteredException.class,
                () -> store.record(other, request("DEVICE-B", token, "356938035643809", List.of("203.0.113.25")), null, DEVICE_KEY, true));

        assertEquals("TOKEN_NOT_BOUND_TO_DEVICE", refused.code());
        assertTrue(get(aws, InvoiceStore.invoicePartition(other.invoiceId()), "INVOICE").isEmpty());
        assertTrue(get(aws, InvoiceStore.invoicePartition(other.invoiceId()), "DEVICE").isEmpty());
        Item binding = get(aws, InvoiceStore.accessTokenPartition(token), "BINDING");
        assertEquals(Hmacs.sha256Hex(DEVICE_HASH_KEY, "DEVICE-A"), binding.string("serialNumberHash"));
        assertEquals(again.invoiceId(), binding.string("lastInvoiceId"));
        assertFalse(binding.attributes().values().stream().anyMatch(v -> token.equals(v.s())), "the raw token is never stored");
        // Another token is free to bind to device B.
        store.record(issued(), request("DEVICE-B", token(), null, List.of()), null, DEVICE_KEY, true);
    }

    /** A binding in use stays; one left unused expires BINDING_DAYS after its last use, not after it was made. */
    @Test
    void everyUseOfABindingRenewsItsExpiry(LocalAws aws) {
        MutableClock clock = new MutableClock(NOW);
        InvoiceStore store = store(aws, clock);
        String token = token();
        store.record(issued(), request("DEVICE-A", token, null, List.of()), null, DEVICE_KEY, true);
        assertEquals(NOW.plus(BINDINGS_KEPT).getEpochSecond(),
                get(aws, InvoiceStore.accessTokenPartition(token), "BINDING").number("expiresAt").orElseThrow());

        clock.advance(Duration.ofDays(45));
        store.record(issued(), request("DEVICE-A", token, null, List.of()), null, DEVICE_KEY, true);

        Item binding = get(aws, InvoiceStore.accessTokenPartition(token), "BINDING");
        assertEquals(clock.instant().plus(BINDINGS_KEPT).getEpochSecond(), binding.number("expiresAt").orElseThrow());
        assertEquals(NOW.toString(), binding.string("boundAt"));
    }

    @Test
    void anExistingInvoiceIsNeverOverwritten(LocalAws aws) {
        InvoiceStore store = store(aws);
        InitiatedVerification issued = issued();
        store.record(issued, request("DEVICE-A", token(), null, List.of()), null, DEVICE_KEY, false);
        InitiatedVerification sameId = new InitiatedVerification("OTHER", issued.invoiceId(), nonces.next(), "0".repeat(40));

        assertThrows(IllegalStateException.class, () -> store.record(sameId, request("DEVICE-B", token(), null, List.of()), null, DEVICE_KEY, false));

        assertEquals(Hmacs.sha256Hex(DEVICE_HASH_KEY, "DEVICE-A"),
                get(aws, InvoiceStore.invoicePartition(issued.invoiceId()), "INVOICE").string("serialNumberHash"));
    }

    private static InvoiceStore store(LocalAws aws) {
        return store(aws, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static InvoiceStore store(LocalAws aws, Clock clock) {
        return new InvoiceStore(aws.dynamoDb(), aws.physicalName("Table"), clock,
                new InvoiceStore.Retention(Duration.ofHours(72), INVOICES_KEPT, BINDINGS_KEPT), new InvoiceStore.SessionLimits(0, 0));
    }

    private InitiatedVerification issued() {
        return new InitiatedVerification("LOCAL-ENDPOINT-1", invoiceIds.next(), nonces.next(), "A".repeat(40));
    }

    private String token() {
        return nonces.next().substring(0, 40);
    }

    private static VerificationRequest request(String serialNumber, String token, String imei, List<String> ipAddresses) {
        return new VerificationRequest(serialNumber, imei, ipAddresses, -36.8485, 174.7633, "NZD", token);
    }

    private static Item get(LocalAws aws, String pk, String sk) {
        return Item.of(aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table")).key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
                .consistentRead(true)).item());
    }
}
