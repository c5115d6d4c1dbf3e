package org.cloudcheckkit.functions.cardverification;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.cloudcheckkit.cardverification.InitiatedVerification;
import org.cloudcheckkit.cardverification.InvalidRequestException;
import org.cloudcheckkit.cardverification.RequestFilteredException;
import org.cloudcheckkit.cardverification.RequestProblem;
import org.cloudcheckkit.cardverification.ServerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The initiate-verification route's answers, in seed 003's format rather than the front-end routes' one:
 * {@code {"endpointId", "invoiceId", "session": {"nonce", "signature"}}} on success, and
 * {@code {"error": {"cause", "code", "message"}}} on failure, where cause is INVALID_REQUEST (400), FILTERED (403;
 * 429 with Retry-After for a session limit, which lifts by itself), SERVER_UNAVAILABLE (503, with Retry-After) or
 * SERVER_FAILED (500; details in the log only). An INVALID_REQUEST also carries {@code error.problems}: every
 * problem found, the first of which is the one in code and message.
 */
final class VerificationReplies {
    static final String INVALID_REQUEST = "INVALID_REQUEST";
    static final String FILTERED = "FILTERED";
    static final String SERVER_UNAVAILABLE = "SERVER_UNAVAILABLE";
    static final String SERVER_FAILED = "SERVER_FAILED";
    static final String DEPENDENCY_UNAVAILABLE = "DEPENDENCY_UNAVAILABLE";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    static final Duration RETRY_UNAVAILABLE_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(VerificationReplies.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An answer, and what the request's log line says about it. */
    record Reply(APIGatewayV2HTTPResponse response, String cause, String code) {
    }

    Reply success(InitiatedVerification issued) {
        ObjectNode body = JSON.createObjectNode();
        body.put("endpointId", issued.endpointId());
        body.put("invoiceId", issued.invoiceId());
        body.putObject("session").put("nonce", issued.nonce()).put("signature", issued.signature());
        return new Reply(response(200, body, null), "-", "-");
    }

    Reply failure(RuntimeException failure, String requestId) {
        if (failure instanceof InvalidRequestException invalid) {
            RequestProblem first = invalid.first();
            ObjectNode body = error(INVALID_REQUEST, first.code(), first.message());
            ArrayNode problems = ((ObjectNode) body.get("error")).putArray("problems");
            for (RequestProblem problem : invalid.problems()) {
                problems.addObject().put("field", problem.field()).put("code", problem.code()).put("message", problem.message());
            }
            return new Reply(response(400, body, null), INVALID_REQUEST, first.code());
        }
        if (failure instanceof RequestFilteredException filtered) {
            // The seed's cause either way; 429 tells HTTP clients that this refusal lifts after Retry-After.
            Duration retryAfter = filtered.retryAfter().orElse(null);
            ObjectNode body = error(FILTERED, filtered.code(), filtered.getMessage());
            return new Reply(response(retryAfter == null ? 403 : 429, body, retryAfter), FILTERED, filtered.code());
        }
        if (failure instanceof ServerUnavailableException unavailable) {
            log.warn("request {}: {}", requestId, unavailable.getMessage());
            return new Reply(response(503, error(SERVER_UNAVAILABLE, DEPENDENCY_UNAVAILABLE,
                    "a service this server depends on is unavailable; try again shortly"), RETRY_UNAVAILABLE_AFTER),
                    SERVER_UNAVAILABLE, DEPENDENCY_UNAVAILABLE);
        }
        log.error("request {} failed", requestId, failure);
        return new Reply(response(500, error(SERVER_FAILED, INTERNAL_ERROR,
                "the server failed to start the verification; request id " + requestId), null), SERVER_FAILED, INTERNAL_ERROR);
    }

    private static ObjectNode error(String cause, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("cause", cause).put("code", code).put("message", message);
        return body;
    }

    /** @param retryAfter the Retry-After header, in whole seconds rounded up; null for none */
    private static APIGatewayV2HTTPResponse response(int status, ObjectNode body, Duration retryAfter) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store");
        if (retryAfter != null) {
            headers.put("Retry-After", Long.toString(Math.max(1, retryAfter.plusNanos(999_999_999).toSeconds())));
        }
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(headers)
                .withBody(body.toString())
                .withIsBase64Encoded(false)
                .build();
    }
}
