package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.table.Item;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The per-device and per-address limits on new sessions (security issue, item 6): the service as the function wires
 * it, with the template's table and seeded secret in moto, on a clock the test moves.
 */
class SessionLimitsTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    /** 40 minutes into an hour: a refusal lifts in 20. */
    private static final Instant NOW = Instant.parse("2026-11-22T09:40:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    @Test
    void aDeviceStartsAtMostItsLimitOfSessionsPerHourAndIsToldWhenItMayAgain(LocalAws aws) {
        InitiateVerificationService service = service(aws, Map.of("MAX_SESSIONS_PER_DEVICE_PER_HOUR", "2"));
        String device = device();
        service.initiate(request(device), "198.51.100.1");
        service.initiate(request(device), "198.51.100.2");
        long stored = storedItemCount(aws);

        RequestFilteredException refused = assertThrows(RequestFilteredException.class,
                () -> service.initiate(request(device), "198.51.100.3"));

        assertEquals("DEVICE_SESSION_LIMIT", refused.code());
        assertEquals(Duration.ofMinutes(20), refused.retryAfter().orElseThrow());
        assertTrue(refused.getMessage().contains("consumer.device.serialNumber"), refused.getMessage());
        assertEquals(stored, storedItemCount(aws), "a refused request writes nothing");
        String key = aws.secretFields("ConnectingPartySecretId").get("deviceHashKey");
        assertEquals(2, get(aws, "SESSIONS#DEVICE#" + Hmacs.sha256Hex(key, device), "HOUR#2026-11-22T09:00:00Z")
                .number("sessions").orElseThrow(), "and counts nothing");
        service.initiate(request(device()), "198.51.100.3");

        clock.advance(Duration.ofMinutes(20));
        service.initiate(request(device), "198.51.100.3");
    }

    /** The address API Gateway saw, not consumer.ipAddresses: those are the app's say-so and simply left out. */
    @Test
    void anAddressStartsAtMostItsLimitOfSessionsPerHourWhateverDevicesItNames(LocalAws aws) {
        InitiateVerificationService service = service(aws, Map.of("MAX_SESSIONS_PER_IP_PER_HOUR", "2"));
        service.initiate(request(device()), "198.51.100.20");
        service.initiate(request(device()), "198.51.100.20");

        RequestFilteredException refused = assertThrows(RequestFilteredException.class,
                () -> service.initiate(request(device()), "198.51.100.20"));

        assertEquals("IP_SESSION_LIMIT", refused.code());
        assertEquals(Duration.ofMinutes(20), refused.retryAfter().orElseThrow());
        service.initiate(request(device()), "198.51.100.21");
    }

    @Test
    void countersHoldOnlyKeyedHashesAndExpireWithTheirHour(LocalAws aws) {
        service(aws, Map.of()).initiate(request("SERIAL-COUNTED-1"), "198.51.100.30");

        String key = aws.secretFields("ConnectingPartySecretId").get("deviceHashKey");
        Item device = get(aws, "SESSIONS#DEVICE#" + Hmacs.sha256Hex(key, "SERIAL-COUNTED-1"), "HOUR#2026-11-22T09:00:00Z");
        Item address = get(aws, "SESSIONS#IP#" + Hmacs.sha256Hex(key, "198.51.100.30"), "HOUR#2026-11-22T09:00:00Z");
        for (Item counter : List.of(device, address)) {
            assertEquals(1, counter.number("sessions").orElseThrow(), counter.attributes().toString());
            assertEquals(Instant.parse("2026-11-22T10:00:00Z").getEpochSecond(), counter.number("expiresAt").orElseThrow());
        }
    }

    @Test
    void aLimitOfZeroIsNoLimitAndCountsNothing(LocalAws aws) {
        InitiateVerificationService service = service(aws, Map.of("MAX_SESSIONS_PER_DEVICE_PER_HOUR", "0",
                "MAX_SESSIONS_PER_IP_PER_HOUR", "0"));
        String device = device();

        for (int i = 0; i < 12; i++) {
            service.initiate(request(device), "198.51.100.40");
        }

        String key = aws.secretFields("ConnectingPartySecretId").get("deviceHashKey");
        assertFalse(aws.dynamoDb().scanPaginator(r -> r.tableName(aws.physicalName("Table"))).items().stream()
                .anyMatch(item -> item.get("pk").s().equals("SESSIONS#DEVICE#" + Hmacs.sha256Hex(key, device))));
    }

    /** Binding off, so that only the limits under test refuse; each test names its own devices. */
    private InitiateVerificationService service(LocalAws aws, Map<String, String> limits) {
        Map<String, String> environment = new HashMap<>(Map.of("TABLE_NAME", aws.physicalName("Table"),
                "CONNECTING_PARTY_SECRET_ID", aws.secretName("ConnectingPartySecretId"), "TOKEN_BINDING", "false"));
        environment.putAll(limits);
        return InitiateVerificationService.from(Settings.from(environment), aws.dynamoDb(), aws.secretsManager(), clock,
                new SecureRandom());
    }

    /** A serial number no other test uses: 43 characters fit the seed's 50. */
    private static String device() {
        return "SERIAL-" + UUID.randomUUID();
    }

    private static VerificationRequest request(String serialNumber) {
        return new VerificationRequest(serialNumber, null, List.of(), null, null, "NZD", "t".repeat(40));
    }

    private static long storedItemCount(LocalAws aws) {
        return aws.dynamoDb().scanPaginator(r -> r.tableName(aws.physicalName("Table"))).items().stream().count();
    }

    private static Item get(LocalAws aws, String pk, String sk) {
        return Item.of(aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table"))
                .key(Map.of("pk", Item.s(pk), "sk", Item.s(sk))).consistentRead(true)).item());
    }
}
