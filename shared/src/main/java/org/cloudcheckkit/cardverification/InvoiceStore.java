package org.cloudcheckkit.cardverification;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.table.Item;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Card verifications in the single table, written in one TransactWriteItems so that no half-written record can
 * exist and nothing at all is written when a rule here (token binding, session limits) refuses the request:
 *
 * <pre>
 * pk                               sk        what
 * INVOICE#{invoiceId}              INVOICE   invoiceId, endpointId, currency, serialNumberHash, accessTokenHash,
 *                                            nonce, signature, status, createdAt: what checking the payment later
 *                                            needs; expiresAt (TTL) createdAt + INVOICE_DAYS
 * INVOICE#{invoiceId}              DEVICE    ipAddresses, imei, latitude, longitude; expiresAt (TTL) createdAt +
 *                                            DEVICE_DATA_HOURS
 * ACCESS_TOKEN#{sha256(token)}     BINDING   serialNumberHash, boundAt, lastInvoiceId, lastUsedAt; expiresAt (TTL)
 *                                            lastUsedAt + BINDING_DAYS, renewed by every use
 * SESSIONS#DEVICE#{hmac(serial)}   HOUR#{h}  sessions: started in clock hour h (2026-11-22T09:00:00Z) by the device;
 *                                            expiresAt (TTL) the hour's end
 * SESSIONS#IP#{hmac(sourceIp)}     HOUR#{h}  sessions: the same per caller address; expiresAt the hour's end
 * </pre>
 *
 * The raw access token is never stored (accessTokenHash is its SHA-256), nor the serial number or the caller's
 * address: hmac is HMAC-SHA256 under the secret's {@link DeviceHashKey}. The DEVICE item is written only when the app
 * sent any of its fields. DynamoDB deletes expired items within days of expiresAt, not at once, so whoever reads a
 * DEVICE or INVOICE item must ignore it once expiresAt has passed. A BINDING item binds until it is deleted: the
 * conditions here do not look at expiresAt, so a lagging deletion refuses a little longer rather than unbinding early.
 *
 * <p>With token binding, each token has its BINDING item, which holds the serial number's hash apart from the token's:
 * the request's token must match the key exactly, its serial number the stored hash exactly. Because the session
 * signature runs token and serial number together, the same transaction also checks that no other reading of that
 * text ({@link TokenReadings}) has a token with a BINDING item, whatever device it is bound to; otherwise token
 * {@code T + "D"} with serial {@code "EVICE-B"} would get a signature that is valid for a {@code T} bound to
 * {@code "DEVICE-A"} on device {@code "DEVICE-B"}. That is up to 49 ConditionChecks that those items are absent.
 *
 * <p>Session limits are counters in the same transaction: each adds one on condition that it is still below its
 * limit, so a request refused by any rule counts nothing. The hours are fixed windows: up to twice a limit can pass
 * around the turn of an hour, the price of one small item per hour.
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
    private static final Duration HOUR = Duration.ofHours(1);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final Retention retention;
    private final SessionLimits limits;

    /** How long items are kept: DEVICE and INVOICE items from their writing, BINDING items from their last use. */
    public record Retention(Duration deviceData, Duration invoices, Duration bindings) {
        public static Retention from(Settings settings) {
            return new Retention(settings.deviceDataTime(), settings.invoiceTime(), settings.bindingTime());
        }
    }

    /** New sessions one device (serial number) and one caller address may start per clock hour; 0: no limit. */
    public record SessionLimits(long perDevicePerHour, long perAddressPerHour) {
        public static SessionLimits from(Settings settings) {
            return new SessionLimits(settings.maxSessionsPerDevicePerHour(), settings.maxSessionsPerIpPerHour());
        }
    }

    public InvoiceStore(DynamoDbClient dynamoDb, String table, Clock clock, Retention retention, SessionLimits limits) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
        this.limits = limits;
    }

    public static String invoicePartition(String invoiceId) {
        return "INVOICE#" + invoiceId;
    }

    public static String accessTokenPartition(String accessToken) {
        return "ACCESS_TOKEN#" + Fingerprint.of(accessToken);
    }

    /**
     * Records the invoice, its device data and, with {@code bindToken}, the access token's binding to this serial
     * number (made by the first call with the token, confirmed by every later one), and counts the session for the
     * device and for {@code sourceIp} (null: not known, not counted). Serial numbers and addresses are stored as
     * their hash under {@code deviceKey}.
     *
     * @throws RequestFilteredException when {@code bindToken} and the token is bound to another serial number, or
     *                                  another reading of token and serial number starts with a bound token; or when
     *                                  the device or the address has started its limit of sessions this hour
     * @throws ServerUnavailableException when DynamoDB throttled the write or another write raced it
     * @throws IllegalStateException when the invoice id already exists, which random ids make practically impossible
     */
    public void record(InitiatedVerification issued, VerificationRequest request, String sourceIp,
                       DeviceHashKey deviceKey, boolean bindToken) {
        Instant now = clock.instant();
        String serialNumberHash = deviceKey.of(request.serialNumber());
        List<Write> writes = new ArrayList<>();
        writes.add(Write.of(TransactWriteItem.builder()
                .put(newItem(invoiceItem(issued, request, serialNumberHash, now)))));
        Map<String, AttributeValue> device = deviceItem(issued.invoiceId(), request, now);
        if (device != null) {
            writes.add(Write.of(TransactWriteItem.builder().put(newItem(device))));
        }
        if (bindToken) {
            writes.add(Write.refusedAs(InvoiceStore::boundToAnotherDevice, TransactWriteItem.builder()
                    .update(binding(issued.invoiceId(), request, serialNumberHash, now))));
            for (String otherToken : TokenReadings.otherTokens(request.accessToken(), request.serialNumber())) {
                writes.add(Write.refusedAs(InvoiceStore::readsAsAnotherBoundToken, TransactWriteItem.builder()
                        .conditionCheck(unbound(otherToken))));
            }
        }
        writes.addAll(sessionCounts(serialNumberHash, sourceIp == null ? null : deviceKey.of(sourceIp), now));
        try {
            // The invoice id as the request token: should the SDK repeat the call after a lost answer, DynamoDB
            // treats the repeat as the same transaction instead of failing the invoice's condition.
            dynamoDb.transactWriteItems(r -> r.transactItems(writes.stream().map(Write::item).toList())
                    .clientRequestToken(issued.invoiceId()));
        } catch (TransactionCanceledException e) {
            throw cancelled(e, writes);
        }
    }

    /** One item of the transaction, and the refusal its failed condition means (null: a failure, not a refusal). */
    private record Write(TransactWriteItem item, Supplier<RequestFilteredException> refusal) {
        static Write of(TransactWriteItem.Builder item) {
            return new Write(item.build(), null);
        }

        static Write refusedAs(Supplier<RequestFilteredException> refusal, TransactWriteItem.Builder item) {
            return new Write(item.build(), refusal);
        }
    }

    /** This session counted for the device and, when known, the address, each up to its limit; none for no limit. */
    private List<Write> sessionCounts(String serialNumberHash, String sourceIpHash, Instant now) {
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        Duration untilNextHour = Duration.between(now, hour.plus(HOUR));
        List<Write> counts = new ArrayList<>();
        if (limits.perDevicePerHour() > 0) {
            counts.add(Write.refusedAs(() -> new RequestFilteredException(RequestFilteredException.DEVICE_SESSION_LIMIT,
                            "consumer.device.serialNumber has started its limit of verifications this hour", untilNextHour),
                    sessionCount("SESSIONS#DEVICE#" + serialNumberHash, hour, limits.perDevicePerHour())));
        }
        if (sourceIpHash != null && limits.perAddressPerHour() > 0) {
            counts.add(Write.refusedAs(() -> new RequestFilteredException(RequestFilteredException.IP_SESSION_LIMIT,
                            "this network address has started its limit of verifications this hour", untilNextHour),
                    sessionCount("SESSIONS#IP#" + sourceIpHash, hour, limits.perAddressPerHour())));
        }
        return counts;
    }

    private Put newItem(Map<String, AttributeValue> item) {
        return Put.builder().tableName(table).item(item).conditionExpression("attribute_not_exists(pk)").build();
    }

    private Map<String, AttributeValue> invoiceItem(InitiatedVerification issued, VerificationRequest request,
                                                    String serialNumberHash, Instant now) {
        return Item.builder()
                .put(PK, invoicePartition(issued.invoiceId()))
                .put(SK, INVOICE)
                .put("kind", "CARD_VERIFICATION")
                .put("invoiceId", issued.invoiceId())
                .put("endpointId", issued.endpointId())
                .put("currency", request.currency())
                .put("serialNumberHash", serialNumberHash)
                .put("accessTokenHash", Fingerprint.of(request.accessToken()))
                .put("nonce", issued.nonce())
                .put("signature", issued.signature())
                .put("status", STATUS_INITIATED)
                .put("createdAt", now.toString())
                .put(EXPIRES_AT, now.plus(retention.invoices()).getEpochSecond())
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
                .put(EXPIRES_AT, now.plus(retention.deviceData()).getEpochSecond());
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

    private Update binding(String invoiceId, VerificationRequest request, String serialNumberHash, Instant now) {
        return Update.builder()
                .tableName(table)
                .key(Map.of(PK, Item.s(accessTokenPartition(request.accessToken())), SK, Item.s(BINDING)))
                .updateExpression("SET kind = :kind, serialNumberHash = :serial, boundAt = if_not_exists(boundAt, :now), "
                        + "lastInvoiceId = :invoice, lastUsedAt = :now, expiresAt = :expires")
                .conditionExpression("attribute_not_exists(pk) OR serialNumberHash = :serial")
                .expressionAttributeValues(Map.of(
                        ":kind", Item.s("CARD_VERIFICATION_TOKEN_BINDING"),
                        ":serial", Item.s(serialNumberHash),
                        ":now", Item.s(now.toString()),
                        ":invoice", Item.s(invoiceId),
                        ":expires", Item.n(now.plus(retention.bindings()).getEpochSecond())))
                .build();
    }

    private TransactWriteItem.Builder sessionCount(String partition, Instant hour, long limit) {
        return TransactWriteItem.builder().update(Update.builder()
                .tableName(table)
                .key(Map.of(PK, Item.s(partition), SK, Item.s("HOUR#" + hour)))
                .updateExpression("SET kind = :kind, expiresAt = :expires ADD sessions :one")
                .conditionExpression("attribute_not_exists(sessions) OR sessions < :limit")
                .expressionAttributeValues(Map.of(
                        ":kind", Item.s("CARD_VERIFICATION_SESSION_COUNT"),
                        ":expires", Item.n(hour.plus(HOUR).getEpochSecond()),
                        ":one", Item.n(1),
                        ":limit", Item.n(limit)))
                .build());
    }

    private ConditionCheck unbound(String accessToken) {
        return ConditionCheck.builder()
                .tableName(table)
                .key(Map.of(PK, Item.s(accessTokenPartition(accessToken)), SK, Item.s(BINDING)))
                .conditionExpression("attribute_not_exists(pk)")
                .build();
    }

    private static RequestFilteredException boundToAnotherDevice() {
        return new RequestFilteredException(RequestFilteredException.TOKEN_NOT_BOUND_TO_DEVICE,
                "session.accessToken is bound to another consumer.device.serialNumber");
    }

    private static RequestFilteredException readsAsAnotherBoundToken() {
        return new RequestFilteredException(RequestFilteredException.AMBIGUOUS_TOKEN,
                "session.accessToken followed by consumer.device.serialNumber starts with another access token that is "
                        + "bound to a device");
    }

    private static RuntimeException cancelled(TransactionCanceledException e, List<Write> writes) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        for (int i = 0; i < reasons.size() && i < writes.size(); i++) {
            if (CONDITION_FAILED.equals(reasons.get(i).code()) && writes.get(i).refusal() != null) {
                return writes.get(i).refusal().get();
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
