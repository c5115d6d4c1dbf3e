package org.cloudcheckkit.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cloudcheckkit.cloudcheck.FormEncoding;
import org.junit.jupiter.api.Test;

/**
 * Seed 001's signing, checked against vectors computed outside Java. Each vector was made with
 * {@code printf '%s' "$s" | openssl dgst -sha256 -hmac "$secret"} (OpenSSL 3, UTF-8 terminal), where {@code $s}
 * is the string to sign asserted beside it and {@code $secret} is {@code sandbox-secret}.
 */
class RequestSignerTest {
    private static final ApiCredentials SANDBOX = new ApiCredentials("sandbox-key", "sandbox-secret");

    /** CONTRACT.md's example string; hex from openssl as above. */
    @Test
    void contractExampleStringAndSignature() {
        Map<String, String> parameters = Map.of("key", "k", "nonce", "n1", "timestamp", "1700000000000",
                "data", "{\"goApiReference\":\"g1\"}");

        String stringToSign = RequestSigner.stringToSign("/go/send/", parameters);

        assertEquals("/go/send/data={\"goApiReference\":\"g1\"};key=k;nonce=n1;timestamp=1700000000000;", stringToSign);
        assertEquals("48c74fd4499785913a54c846cb184aca4383d20ba1c72ad72208aa49c6312383",
                RequestSigner.hmacSha256Hex("sandbox-secret", stringToSign));
    }

    /** Non-ASCII text, &, =, +, ; and spaces stay raw in the string to sign, and are hashed as UTF-8. */
    @Test
    void dataWithNonAsciiAndReservedCharactersIsSignedRaw() {
        String data = "{\"reference\":\"Ōtautahi & Kirikiriroa; a=b+c\",\"recipients\":[{\"name\":"
                + "{\"given\":\"Māui\",\"family\":\"Te Rangi-Ō\"}}]}";
        RequestSigner signer = new RequestSigner(fixedClock(1763769600000L), () -> "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA");

        SignedRequest signed = signer.sign("/go/create/", SANDBOX, Map.of("data", data));

        assertEquals("/go/create/data=" + data + ";key=sandbox-key;nonce=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA;"
                + "timestamp=1763769600000;", RequestSigner.stringToSign("/go/create/", signed.parameters()));
        assertEquals("450a77ae62c84d8570f0cfdbe3c4da67a7869b33d27d9b86f48c8a9b689d9564", signed.signature());
    }

    /** A GET signs its query parameters, token included. */
    @Test
    void getParametersAreSignedLikeFormFields() {
        RequestSigner signer = new RequestSigner(fixedClock(1763769600123L), () -> "n-2");

        SignedRequest signed = signer.sign("/go/result/", SANDBOX, Map.of("token", "4f1c2b7e9a"));

        assertEquals("/go/result/key=sandbox-key;nonce=n-2;timestamp=1763769600123;token=4f1c2b7e9a;",
                RequestSigner.stringToSign("/go/result/", signed.parameters()));
        assertEquals("53b5f6b0c75d67ffff197862409986f155bea9d6f8ec73f7eba824bf66f9649b", signed.signature());
    }

    @Test
    void signatureParameterIsLeftOutOfTheStringToSign() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("signature", "abc");
        parameters.put("key", "k");

        assertEquals("/p/key=k;", RequestSigner.stringToSign("/p/", parameters));
    }

    /** Code-point order: upper case before lower case, and a supplementary character after every BMP one. */
    @Test
    void parametersAreSortedByCodePoint() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("b", "2");
        parameters.put("\uD83D\uDE00", "4");
        parameters.put("\uFF5A", "3");
        parameters.put("Z", "1");

        assertEquals("/p/Z=1;b=2;\uFF5A=3;\uD83D\uDE00=4;", RequestSigner.stringToSign("/p/", parameters));
    }

    @Test
    void everySignatureGetsAFreshNonceAndTheCurrentTimestamp() {
        RequestSigner signer = new RequestSigner(Clock.systemUTC(), NonceSource.secureRandom());

        SignedRequest first = signer.sign("/go/send/", SANDBOX, Map.of("data", "{}"));
        SignedRequest second = signer.sign("/go/send/", SANDBOX, Map.of("data", "{}"));

        assertNotEquals(first.parameters().get("nonce"), second.parameters().get("nonce"));
        assertNotEquals(first.signature(), second.signature());
        long timestamp = Long.parseLong(first.parameters().get("timestamp"));
        assertTrue(Math.abs(System.currentTimeMillis() - timestamp) < 5_000, "timestamp is now, in milliseconds");
    }

    /** At least 128 bits of SecureRandom, in characters that need no escaping in a URL. */
    @Test
    void noncesAreLongUrlSafeAndDoNotRepeat() {
        NonceSource nonces = NonceSource.secureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String nonce = nonces.next();
            assertTrue(nonce.matches("[A-Za-z0-9_-]{32}"), nonce);
            assertTrue(seen.add(nonce), "nonce repeated");
        }
        // 32 base64 characters carry 192 bits.
        assertEquals(192, 32 * 6);
    }

    @Test
    void requestParametersCannotOverrideWhatTheSignerSets() {
        RequestSigner signer = new RequestSigner(Clock.systemUTC(), () -> "n");
        for (String reserved : List.of("key", "nonce", "timestamp", "signature")) {
            assertThrows(IllegalArgumentException.class, () -> signer.sign("/p/", SANDBOX, Map.of(reserved, "x")));
        }
    }

    /** What is signed raw is sent URL-encoded; decoding the wire form gives back the exact signed values. */
    @Test
    void wireEncodingRoundTripsTheSignedValues() {
        String data = "{\"reference\":\"Ōtautahi & Kirikiriroa; a=b+c %41\"}";
        RequestSigner signer = new RequestSigner(fixedClock(1763769600000L), () -> "n+1=2&3");
        SignedRequest signed = signer.sign("/go/create/", SANDBOX, Map.of("data", data));

        String wire = FormEncoding.encode(signed.parameters());

        assertFalse(wire.contains(" ") || wire.contains("+") || wire.contains(";"), wire);
        assertTrue(wire.contains("%C5%8Ctautahi%20%26%20Kirikiriroa%3B%20a%3Db%2Bc%20%2541"), wire);
        assertEquals(signed.parameters(), FormEncoding.decode(wire));
        assertEquals(signed.signature(), RequestSigner.hmacSha256Hex(SANDBOX,
                RequestSigner.stringToSign("/go/create/", FormEncoding.decode(wire))));
    }

    @Test
    void credentialsAndSignedRequestsPrintNoSecretOrData() {
        RequestSigner signer = new RequestSigner(Clock.systemUTC(), () -> "n");
        SignedRequest signed = signer.sign("/go/create/", SANDBOX, Map.of("data", "{\"name\":\"Jane\"}"));

        assertFalse(SANDBOX.toString().contains("sandbox-secret"));
        assertFalse(signed.toString().contains("Jane"));
        assertFalse(signed.toString().contains(signed.signature()));
    }

    private static Clock fixedClock(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
