package org.cloudcheckkit.sandbox.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.auth.NonceRegistry;
import org.cloudcheckkit.sandbox.auth.SignatureVerifier;

/** Authenticates a call in WIRE.md's order; the first failing check decides the error code. */
public final class RequestAuthenticator {

    public static final Duration MAXIMUM_AGE = Duration.ofMinutes(5);
    public static final Duration MAXIMUM_LEAD = Duration.ofMinutes(1);

    private static final String KEY = "key";
    private static final String NONCE = "nonce";
    private static final String TIMESTAMP = "timestamp";

    private static final ObjectMapper STRICT_JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, ApiCredential> credentialsByKey;
    private final Clock requestClock;
    private final NonceRegistry nonces;

    public RequestAuthenticator(Map<String, ApiCredential> credentialsByKey, Clock requestClock, NonceRegistry nonces) {
        this.credentialsByKey = Map.copyOf(credentialsByKey);
        this.requestClock = requestClock;
        this.nonces = nonces;
    }

    public ApiCall authenticate(ApiEndpoint endpoint, FormParameters parameters) {
        // Seed 001 gives the key a code of its own ("101 Access key is missing or incorrect."): 102 names the others.
        List<String> missing = Stream.of(NONCE, TIMESTAMP, SignatureVerifier.SIGNATURE_PARAMETER,
                        endpoint.subjectParameter())
                .filter(name -> !parameters.isPresent(name))
                .toList();
        if (!missing.isEmpty()) {
            throw ApiException.missing(missing);
        }
        if (!parameters.repeatedNames().isEmpty()) {
            throw ApiException.of(ErrorCode.INVALID_FORMAT).withFields(parameters.repeatedNames())
                    .withDetail("a parameter was given more than once");
        }
        if (!parameters.isPresent(KEY)) {
            throw ApiException.of(ErrorCode.ACCESS_KEY).withDetail("the key parameter is missing or empty");
        }
        ApiCredential credential = credentialsByKey.get(parameters.value(KEY));
        if (credential == null) {
            throw ApiException.of(ErrorCode.ACCESS_KEY);
        }
        long timestamp = timestamp(parameters.value(TIMESTAMP));
        String stringToSign = SignatureVerifier.stringToSign(endpoint.path(), parameters.asMap());
        if (!SignatureVerifier.matches(credential.secret(), stringToSign,
                parameters.value(SignatureVerifier.SIGNATURE_PARAMETER))) {
            throw ApiException.of(ErrorCode.SIGNATURE);
        }
        // After the signature check, so that forged calls cannot use up a client's nonces.
        if (!nonces.register(credential.key(), parameters.value(NONCE), timestamp, requestClock.millis())) {
            throw ApiException.of(ErrorCode.NONCE_REUSED);
        }
        ObjectNode data = endpoint.carriesData() ? dataObject(parameters.value(ApiEndpoint.DATA)) : null;
        return new ApiCall(credential, parameters, data);
    }

    private long timestamp(String text) {
        long timestamp;
        try {
            timestamp = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw ApiException.badFormat(TIMESTAMP, "timestamp must be milliseconds since the epoch");
        }
        long now = requestClock.millis();
        if (timestamp < now - MAXIMUM_AGE.toMillis()) {
            throw ApiException.of(ErrorCode.TIMESTAMP).withDetail("timestamp is more than 5 minutes old");
        }
        if (timestamp > now + MAXIMUM_LEAD.toMillis()) {
            throw ApiException.of(ErrorCode.TIMESTAMP).withDetail("timestamp is more than 1 minute in the future");
        }
        return timestamp;
    }

    private static ObjectNode dataObject(String text) {
        try {
            JsonNode data = STRICT_JSON.readTree(text);
            if (data instanceof ObjectNode object) {
                return object;
            }
        } catch (JsonProcessingException e) {
            throw ApiException.badFormat(ApiEndpoint.DATA, "data is not valid JSON: " + e.getOriginalMessage());
        }
        throw ApiException.badFormat(ApiEndpoint.DATA, "data must be a JSON object");
    }
}
