package org.cloudcheckkit.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The session signature against vectors computed outside Java, with OpenSSL 3.0 in a UTF-8 shell:
 *
 * <pre>
 * printf '%s' "$msg" | openssl dgst -sha1 -mac HMAC -macopt hexkey:4B3A1C2D5E6F7A8B9C0D1E2F3A4B5C6D
 * </pre>
 *
 * where {@code hexkey} is the local ControlKey {@code 4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D} with its dashes removed,
 * and {@code $msg} is the concatenation asserted in each test. OpenSSL prints lower-case hex; the provider's
 * encoding is upper-case, so the expected values are OpenSSL's output upper-cased.
 */
class SessionSignatureTest {
    static final String LOCAL_CONTROL_KEY = "4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D";

    /** $msg = the seed example's values, as events/card-verification-initiate.json sends them. */
    @Test
    void matchesOpensslForTheSeedExample() {
        String accessToken = "vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1Ko5Tq9Ux";
        String nonce = "Q7xkP2mW9vR4tY8bN3cL6hJ1dF5gS0aZQ7xkP2mW9vR4tY8bN3cL6hJ1dF5gS0aZ";
        String invoiceId = "3f6c2a9e-8b1d-4e7f-9a2c-5d4b3e1f0a7c";

        assertEquals("vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1Ko5Tq9Ux" + "R58M12ABCDE" + "LOCAL-ENDPOINT-1"
                        + "Q7xkP2mW9vR4tY8bN3cL6hJ1dF5gS0aZQ7xkP2mW9vR4tY8bN3cL6hJ1dF5gS0aZ"
                        + "3f6c2a9e-8b1d-4e7f-9a2c-5d4b3e1f0a7c" + "NZD",
                SessionSignature.message(accessToken, "R58M12ABCDE", "LOCAL-ENDPOINT-1", nonce, invoiceId, "NZD"));
        // openssl: SHA1(stdin)= 289215cb86f9ab76fa88755063719aa1b5022d45
        assertEquals("289215CB86F9AB76FA88755063719AA1B5022D45", SessionSignature.compute(ControlKey.parse(LOCAL_CONTROL_KEY),
                accessToken, "R58M12ABCDE", "LOCAL-ENDPOINT-1", nonce, invoiceId, "NZD"));
    }

    /** $msg = 'tok_0123456789abcdefghijklmnopqrstuvPixel-Ō-7LOCAL-ENDPOINT-1' + 64 × 'a' + the invoice id + 'AUD'; Ō is C5 8C. */
    @Test
    void signsTheUtf8BytesOfNonAsciiText() {
        String nonce = "a".repeat(64);

        String signature = SessionSignature.compute(ControlKey.parse(LOCAL_CONTROL_KEY), "tok_0123456789abcdefghijklmnopqrstuv",
                "Pixel-\u014C-7", "LOCAL-ENDPOINT-1", nonce, "00000000-0000-4000-8000-000000000001", "AUD");

        // openssl: SHA1(stdin)= 35ee8679f54a4172dbf400b66e318d580752c6d7
        assertEquals("35EE8679F54A4172DBF400B66E318D580752C6D7", signature);
    }

    @Test
    void keyTextIsReadWithOrWithoutDashesInEitherCase() {
        String expected = "289215CB86F9AB76FA88755063719AA1B5022D45";
        for (String spelling : new String[] {"4b3a1c2d-5e6f-7a8b-9c0d-1e2f3a4b5c6d", "4B3A1C2D5E6F7A8B9C0D1E2F3A4B5C6D",
                " 4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6D\n"}) {
            assertEquals(expected, SessionSignature.compute(ControlKey.parse(spelling),
                    "vZ3nQ8rT1kLm5Xp9Wc2Hb7Yd4Fg6Js0Ae3Ru8Ni1Ko5Tq9Ux", "R58M12ABCDE", "LOCAL-ENDPOINT-1",
                    "Q7xkP2mW9vR4tY8bN3cL6hJ1dF5gS0aZQ7xkP2mW9vR4tY8bN3cL6hJ1dF5gS0aZ",
                    "3f6c2a9e-8b1d-4e7f-9a2c-5d4b3e1f0a7c", "NZD"), spelling);
        }
    }

    @Test
    void signatureIsFortyUpperCaseHexDigits() {
        String signature = SessionSignature.compute(ControlKey.parse(LOCAL_CONTROL_KEY), "a", "b", "c", "d", "e", "f");

        assertTrue(signature.matches("[0-9A-F]{40}"), signature);
    }

    @Test
    void malformedKeysAreRefusedWithoutQuotingThem() {
        for (String bad : new String[] {"", "not-a-hex-key-at-all-zzzzzzzzzzzzz", "4B3A1C2D-5E6F-7A8B-9C0D-1E2F3A4B5C6",
                "4B3A1C2D-5E6F-7A8B", "4B3A1C2D+5E6F-7A8B-9C0D-1E2F3A4B5C6D"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> ControlKey.parse(bad), bad);
            if (!bad.isEmpty()) {
                assertFalse(refused.getMessage().contains(bad), refused.getMessage());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> ControlKey.parse(null));
    }

    @Test
    void theKeyNeverPrints() {
        ControlKey key = ControlKey.parse(LOCAL_CONTROL_KEY);
        DeviceHashKey deviceKey = DeviceHashKey.parse(FakeAws.DEVICE_HASH_KEY);
        ConnectingPartySecret secret = new ConnectingPartySecret(key, "LOCAL-ENDPOINT-1", deviceKey);

        for (String printed : new String[] {key.toString(), deviceKey.toString(), secret.toString()}) {
            assertFalse(printed.toUpperCase().contains("4B3A1C2D"), printed);
            assertFalse(printed.contains(FakeAws.DEVICE_HASH_KEY.substring(0, 8)), printed);
        }
        assertTrue(secret.toString().contains("LOCAL-ENDPOINT-1"));
    }
}
