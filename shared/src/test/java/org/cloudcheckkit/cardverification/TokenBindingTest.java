package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.config.Settings;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The access token's binding against re-reading the signed text (security issue, item 6): the service as the
 * function wires it, with the template's table and seeded secret in moto, TOKEN_BINDING unset (so on) and no session
 * limits (their own test is {@link SessionLimitsTest}).
 */
class TokenBindingTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    private final SessionNonces random = new SessionNonces(new SecureRandom());

    @Test
    void aTokenBoundToDeviceAGetsNoSignatureForDeviceBByMovingOneCharacterIntoTheSerialNumber(LocalAws aws) {
        InitiateVerificationService service = service(aws);
        String token = token();
        service.initiate(request(token, "DEVICE-A"), null);
        // Why this matters: the two requests sign the same text, so the gateway would take the second's signature
        // for the bound token on device B.
        assertEquals(SessionSignature.message(token, "DEVICE-B", "E", "N", "I", "NZD"),
                SessionSignature.message(token + "D", "EVICE-B", "E", "N", "I", "NZD"));
        long stored = storedItemCount(aws);

        RequestFilteredException refused = assertThrows(RequestFilteredException.class,
                () -> service.initiate(request(token + "D", "EVICE-B"), null));

        assertEquals("AMBIGUOUS_TOKEN", refused.code());
        assertEquals(stored, storedItemCount(aws), "nothing is written, the other token is not bound");
        assertEquals("TOKEN_NOT_BOUND_TO_DEVICE", assertThrows(RequestFilteredException.class,
                () -> service.initiate(request(token, "DEVICE-B"), null)).code(), "and the plain attempt stays refused");
    }

    @Test
    void movingCharactersFromTheSerialNumberIntoTheTokenIsRefusedAsWell(LocalAws aws) {
        InitiateVerificationService service = service(aws);
        String token = token();
        service.initiate(request(token + "DE", "VICE-A"), null);

        RequestFilteredException refused = assertThrows(RequestFilteredException.class,
                () -> service.initiate(request(token, "DEVICE-B"), null));

        assertEquals("AMBIGUOUS_TOKEN", refused.code());
    }

    /** A second token reading of one signature serves no app, so it is refused even when it names the bound device. */
    @Test
    void aReadingThatNamesTheBoundDeviceItselfIsRefusedToo(LocalAws aws) {
        InitiateVerificationService service = service(aws);
        String token = token();
        service.initiate(request(token, "DEVICE-A"), null);

        assertEquals("AMBIGUOUS_TOKEN", assertThrows(RequestFilteredException.class,
                () -> service.initiate(request(token + "D", "EVICE-A"), null)).code());
    }

    @Test
    void theBoundTokenOnItsOwnDeviceAndATokenSharingItsFirst31CharactersStillSucceed(LocalAws aws) {
        InitiateVerificationService service = service(aws);
        String token = token();
        service.initiate(request(token, "DEVICE-A"), null);

        service.initiate(request(token, "DEVICE-A"), null);
        service.initiate(request(token.substring(0, 31) + "x".repeat(9), "DEVICE-B"), null);
    }

    private static InitiateVerificationService service(LocalAws aws) {
        Settings settings = Settings.from(Map.of("TABLE_NAME", aws.physicalName("Table"),
                "CONNECTING_PARTY_SECRET_ID", aws.secretName("ConnectingPartySecretId"),
                "MAX_SESSIONS_PER_DEVICE_PER_HOUR", "0", "MAX_SESSIONS_PER_IP_PER_HOUR", "0"));
        return InitiateVerificationService.from(settings, aws.dynamoDb(), aws.secretsManager(), Clock.systemUTC(),
                new SecureRandom());
    }

    /** 40 random characters: each test binds its own tokens. */
    private String token() {
        return random.next().substring(0, 40);
    }

    private static VerificationRequest request(String accessToken, String serialNumber) {
        return new VerificationRequest(serialNumber, null, List.of(), null, null, "NZD", accessToken);
    }

    private static long storedItemCount(LocalAws aws) {
        return aws.dynamoDb().scanPaginator(r -> r.tableName(aws.physicalName("Table"))).items().stream().count();
    }
}
