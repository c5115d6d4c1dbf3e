package org.cloudcheckkit.cardverification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudcheckkit.table.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Card verifications in the single table, written in one TransactWriteItems so that no half-written record can
 * exist and nothing at all is written when the access token's binding refuses the request:
 *
 * <pre>
 * pk                               sk        what
 * INVOICE#{invoiceId}              INVOICE   invoiceId, endpointId, currency, serialNumber, accessTokenHash, nonce,
 *                                            signature, status, createdAt: what checking the payment later needs
 * INVOICE#{invoiceId}              DEVICE    ipAddresses, imei, latitude, longitude; expiresAt (TTL)
 * ACCESS_TOKEN#{sha256(token)}     BINDING   serialNumberHash, boundAt, lastInvoiceId, lastUsedAt
 * </pre>
 *
 * The DEVICE item is written only when the app sent any of its fields. DynamoDB deletes expired items within days
 * of expiresAt, not at once, so whoever reads a DEVICE item must ignore it once expiresAt has passed. The raw access
 * token is never stored.
 */
public final class InvoiceStore {
    /** The table's key and TTL attributes, which card verification's items share with every other kind. */
    private static final String PK = "pk";
    private static final String SK = "sk";
    private static final String EXPIRES_AT = "expiresAt";
    public static final String INVOICE = "INVOICE";
    public static final String DEVICE = "DEVICE";
    public static final String BINDING = "BINDING";
    static final String STATUS_INITIATED = "INITIATED";

    /** Cancellation reasons that mean "busy or racing, try again", as opposed to a failed condition. */
    private static final Set<String> TRANSIENT_REASONS = Set.of("ThrottlingError", "TransactionConflict",
            "ProvisionedThroughputExceeded", "RequestLimitExceeded");
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Duration deviceDataTime;

    public InvoiceStore(DynamoDbClient dynamoDb, String table, Clock clock, Duration deviceDataTime) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.deviceDataTime = deviceDataTime;
    }

    public static String invoicePartition(String invoiceId) {
        return "INVOICE#" + invoiceId;
    }

    public static String accessTokenPartition(String accessToken) {
        return "ACCESS_TOKEN#" + Fingerprint.of(accessToken);
    }

    /**
     * Records the invoice, its device data and, with {@code bindToken}, the access token's binding to this serial
     * number (made by the first call with the token, confirmed by every later one).
     *
     * @throws RequestFilteredException when {@code bindToken} and the token is bound to another serial number
     * @throws ServerUnavailableException when DynamoDB throttled the write or another write raced it
     * @throws IllegalStateException when the invoice id already exists, which random ids make practically impossible
     */
    public void record(InitiatedVerification issued, VerificationRequest request, boolean bindToken) {
        Instant now = clock.instant();
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(newItem(invoiceItem(issued, request, now))).build());
        Map<String, AttributeValue> device = deviceItem(issued.invoiceId(), request, now);
        if (device != null) {
            writes.add(TransactWriteItem.builder().put(newItem(device)).build());
        }
        int bindingIndex = -1;
        if (bindToken) {
            bindingIndex = writes.size();
            writes.add(TransactWriteItem.builder().update(binding(issued.invoiceId(), request, now)).build());
        }
        try {
            // The invoice id as the request token: should the SDK repeat the call after a lost answer, DynamoDB
            // treats the repeat as the same transaction instead of failing the invoice's condition.
            dynamoDb.transactWriteItems(r -> r.transactItems(writes).clientRequestToken(issued.invoiceId()));
        } catch (TransactionCanceledException e) {
            throw cancelled(e, bindingIndex);
        }
    }

    private Put newItem(Map<String, AttributeValue> item) {
        return Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build();
    }

    private static Map<String, AttributeValue> invoiceItem(InitiatedVerification issued, VerificationRequest request, Instant now) {
        return Item.builder()
                .put(PK, invoicePartition(issued.invoiceId()))
                .put(SK, INVOICE)
                .put("kind", "CARD_VERIFICATION")
                .put("invoiceId", issued.invoiceId())
                .put("endpointId", issued.endpointId())
                .put("currency", request.currency())
                .put("serialNumber", request.serialNumber())
                .put("accessTokenHash", Fingerprint.of(request.accessToken()))
                .put("nonce", issued.nonce())
                .put("signature", issued.signature())
                .put("status", STATUS_INITIATED)
                .put("createdAt", now.toString())
                .build();
    }

    private Map<String, AttributeValue> deviceItem(String invoiceId, VerificationRequest request, Instant now) {
        if (request.ipAddresses().isEmpty() && request.imei() == null && request.latitude() == null
                && request.longitude() == null) {
            return null;
        }
        Item.Builder item = Item.builder()
                .put(PK, invoicePartition(invoiceId))
                .put(SK, DEVICE)
                .put("kind", "CARD_VERIFICATION_DEVICE")
                .put("imei", request.imei())
                .put("createdAt", now.toString())
                .put(EXPIRES_AT, now.plus(deviceDataTime).getEpochSecond());
        if (!request.ipAddresses().isEmpty()) {
            item.put("ipAddresses", AttributeValue.fromL(request.ipAddresses().stream().map(AttributeValue::fromS).toList()));
        }
        if (request.latitude() != null) {
            item.put("latitude", AttributeValue.fromN(Double.toString(request.latitude())));
        }
        if (request.longitude() != null) {
            item.put("longitude", AttributeValue.fromN(Double.toString(request.longitude())));
        }
        return item.build();
    }

    private Update binding(String invoiceId, VerificationRequest request, Instant now) {
        return Update.builder()
                .tableName(table)
                .key(Map.of(PK, Item.s(accessTokenPartition(request.accessToken())), SK, Item.s(BINDING)))
                .updateExpression("SET kind = :kind, serialNumberHash = :serial, boundAt = if_not_exists(boundAt, :now), "
                        + "lastInvoiceId = :invoice, lastUsedAt = :now")
                .conditionExpression("attribute_not_exists(pk) OR serialNumberHash = :serial")
                .expressionAttributeValues(Map.of(
                        ":kind", Item.s("CARD_VERIFICATION_TOKEN_BINDING"),
                        ":serial", Item.s(Fingerprint.of(request.serialNumber())),
                        ":now", Item.s(now.toString()),
                        ":invoice", Item.s(invoiceId)))
                .build();
    }

    private static RuntimeException cancelled(TransactionCanceledException e, int bindingIndex) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size(); i++) {
            String code = reasons.get(i).code();
            if (CONDITION_FAILED.equals(code) && i == bindingIndex) {
                return new RequestFilteredException(RequestFilteredException.TOKEN_NOT_BOUND_TO_DEVICE,
                        "session.accessToken is bound to another consumer.device.serialNumber");
            }
        }
        for (CancellationReason reason : reasons) {
            if (TRANSIENT_REASONS.contains(reason.code())) {
                return new ServerUnavailableException("DynamoDB", e);
            }
        }
        for (CancellationReason reason : reasons) {
            if (CONDITION_FAILED.equals(reason.code())) {
                return new IllegalStateException("a card verification item already exists for a new invoice id", e);
            }
        }
        return e;
    }
}
