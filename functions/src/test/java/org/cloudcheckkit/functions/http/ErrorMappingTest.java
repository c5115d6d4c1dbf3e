package org.cloudcheckkit.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.cloudcheckkit.api.NotFoundException;
import org.cloudcheckkit.callbacks.CallbackRejectedException;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.cloudcheck.CloudcheckOutcomeUnknownException;
import org.cloudcheckkit.cloudcheck.CloudcheckProtocolException;
import org.cloudcheckkit.cloudcheck.CloudcheckUnavailableException;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;
import org.cloudcheckkit.idempotency.IdempotencyConflictException;
import org.cloudcheckkit.idempotency.Reply;
import org.cloudcheckkit.idempotency.Reply.Disposition;
import org.cloudcheckkit.secrets.SecretUnavailableException;
import org.cloudcheckkit.validation.ValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one place failures become HTTP answers: each Cloudcheck code class to its status, and what a repeat of the same
 * Idempotency-Key gets. Some of these (102/107 after our own validation, 103/104) cannot be provoked through a
 * handler, so the mapping is checked here directly.
 */
class ErrorMappingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ErrorMapping mapping = new ErrorMapping(JSON);

    static CloudcheckApiException code(int code) {
        return new CloudcheckApiException("/go/create/", code, null, "message " + code, List.of("dateofbirth"),
                List.of(), 400, List.of());
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(code(101), 502, "CLOUDCHECK_CREDENTIALS_REJECTED", Disposition.FORGET),
                Arguments.of(code(106), 502, "CLOUDCHECK_CREDENTIALS_REJECTED", Disposition.FORGET),
                Arguments.of(code(102), 400, "CLOUDCHECK_REJECTED_FIELDS", Disposition.KEEP),
                Arguments.of(code(107), 400, "CLOUDCHECK_REJECTED_FIELDS", Disposition.KEEP),
                Arguments.of(code(103), 502, "CLOUDCHECK_REFUSED_SIGNING", Disposition.FORGET),
                Arguments.of(code(104), 502, "CLOUDCHECK_REFUSED_SIGNING", Disposition.FORGET),
                Arguments.of(code(105), 404, "NOT_FOUND_AT_CLOUDCHECK", Disposition.KEEP),
                Arguments.of(code(110), 404, "NOT_FOUND_AT_CLOUDCHECK", Disposition.KEEP),
                Arguments.of(code(108), 403, "CLOUDCHECK_PERMISSION_DENIED", Disposition.KEEP),
                Arguments.of(code(111), 503, "CLOUDCHECK_TEMPORARILY_FAILED", Disposition.FORGET),
                Arguments.of(code(113), 503, "CLOUDCHECK_TEMPORARILY_FAILED", Disposition.FORGET),
                Arguments.of(new CloudcheckApiException("/go/create/", 107, null, "No valid recipients", List.of(), List.of(),
                        400, List.of(new RecipientOutcome.Rejected("c1", "INVALID_ADDRESS", "Invalid address"))),
                        422, "RECIPIENTS_REJECTED", Disposition.KEEP),
                // Seed 000's "Missing or invalid token" has no code: it is still a token Cloudcheck does not know.
                Arguments.of(new CloudcheckApiException("/go/result/", null, null, "Missing or invalid token", List.of(),
                        List.of(), 400, List.of()), 404, "NOT_FOUND_AT_CLOUDCHECK", Disposition.KEEP),
                Arguments.of(new CloudcheckApiException("/go/result/", 102, null, "Missing or invalid token", List.of("token"),
                        List.of(), 400, List.of()), 404, "NOT_FOUND_AT_CLOUDCHECK", Disposition.KEEP),
                // An error with neither a code nor a recipient is Cloudcheck's, not a refusal of the caller's recipients.
                Arguments.of(new CloudcheckApiException("/go/send/", null, null, "Something new went wrong", List.of(),
                        List.of(), 400, List.of()), 502, "CLOUDCHECK_ERROR", Disposition.KEEP),
                Arguments.of(new CloudcheckUnavailableException("/go/results/", "HTTP 503", Duration.ofSeconds(30), null),
                        503, "CLOUDCHECK_UNAVAILABLE", Disposition.FORGET),
                Arguments.of(new CloudcheckOutcomeUnknownException("/go/create/", "no answer", null),
                        502, "CLOUDCHECK_OUTCOME_UNKNOWN", Disposition.OUTCOME_UNKNOWN),
                Arguments.of(new CloudcheckProtocolException("/go/create/", "no goApiReference", null),
                        502, "CLOUDCHECK_BAD_ANSWER", Disposition.OUTCOME_UNKNOWN),
                Arguments.of(ValidationException.of("recipients[3].mobileNumber", "INVALID_PHONE_NUMBER", "m"),
                        400, "VALIDATION_FAILED", Disposition.FORGET),
                Arguments.of(new NotFoundException("GO_REQUEST_NOT_FOUND", "m"), 404, "GO_REQUEST_NOT_FOUND", Disposition.KEEP),
                Arguments.of(new IdempotencyConflictException(IdempotencyConflictException.Reason.DIFFERENT_REQUEST, "m"),
                        422, "IDEMPOTENCY_DIFFERENT_REQUEST", Disposition.FORGET),
                Arguments.of(new IdempotencyConflictException(IdempotencyConflictException.Reason.IN_PROGRESS, "m"),
                        409, "IDEMPOTENCY_IN_PROGRESS", Disposition.FORGET),
                Arguments.of(new CallbackRejectedException(403, "wrong token"), 403, "CALLBACK_REJECTED", Disposition.FORGET),
                Arguments.of(new SecretUnavailableException("cloudcheck/api", "cannot be read", null), 503,
                        "SERVICE_UNAVAILABLE", Disposition.FORGET),
                Arguments.of(new IllegalStateException("a bug"), 500, "INTERNAL_ERROR", Disposition.OUTCOME_UNKNOWN));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("failures")
    void eachFailureHasOneHttpAnswer(RuntimeException failure, int status, String code, Disposition disposition)
            throws IOException {
        Reply reply = mapping.map(failure, "POST /go/requests", "req-1");

        assertEquals(status, reply.status());
        assertEquals(disposition, reply.disposition());
        JsonNode error = JSON.readTree(reply.body()).get("error");
        assertEquals(code, error.get("code").asText());
        assertFalse(reply.body().contains("at org.cloudcheckkit"), "no stack trace in an answer");
        assertEquals(status == 503, reply.retryAfterSeconds() > 0, "Retry-After exactly on 503");
    }

    @org.junit.jupiter.api.Test
    void theFieldsCloudcheckNamesArePassedOnAsProblems() throws IOException {
        JsonNode error = JSON.readTree(mapping.map(code(102), "POST /go/requests", "req-1").body()).get("error");

        assertEquals("dateofbirth", error.get("problems").get(0).get("field").asText());
        assertEquals("CLOUDCHECK_102", error.get("problems").get(0).get("rule").asText());
        assertEquals(102, error.get("cloudcheck").get("error").asInt());
    }
}
