package org.cloudcheckkit.functions.cardverification;

import static org.cloudcheckkit.functions.cardverification.Replies.assertError;
import static org.cloudcheckkit.functions.cardverification.Replies.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import org.cloudcheckkit.cardverification.InitiatedVerification;
import org.cloudcheckkit.cardverification.InvalidRequestException;
import org.cloudcheckkit.cardverification.RequestFilteredException;
import org.cloudcheckkit.cardverification.RequestProblem;
import org.cloudcheckkit.cardverification.ServerUnavailableException;
import org.junit.jupiter.api.Test;

/** Seed 003's answer format for each outcome. */
class VerificationRepliesTest {
    private final VerificationReplies replies = new VerificationReplies();

    @Test
    void successIsTheSeedsShape() {
        APIGatewayV2HTTPResponse response = replies.success(new InitiatedVerification("E-1", "inv-1", "n".repeat(64), "S".repeat(40)))
                .response();

        assertEquals(200, response.getStatusCode());
        assertEquals("{\"endpointId\":\"E-1\",\"invoiceId\":\"inv-1\",\"session\":{\"nonce\":\"" + "n".repeat(64)
                + "\",\"signature\":\"" + "S".repeat(40) + "\"}}", response.getBody());
        assertEquals("application/json; charset=utf-8", response.getHeaders().get("Content-Type"));
    }

    @Test
    void anInvalidRequestReportsTheFirstProblemAndListsThemAll() {
        InvalidRequestException invalid = new InvalidRequestException(List.of(
                new RequestProblem("consumer.device.serialNumber", "MISSING_FIELD", "consumer.device.serialNumber is required"),
                new RequestProblem("transaction.currency", "UNKNOWN_CURRENCY", "transaction.currency is not ...")));

        JsonNode error = assertError(replies.failure(invalid, "r-1").response(), 400, "INVALID_REQUEST", "MISSING_FIELD");

        assertEquals("consumer.device.serialNumber is required", error.get("message").asText());
        assertEquals(2, error.get("problems").size());
        assertEquals("transaction.currency", error.get("problems").get(1).get("field").asText());
        assertEquals("UNKNOWN_CURRENCY", error.get("problems").get(1).get("code").asText());
    }

    @Test
    void filteredIsForbidden() {
        JsonNode error = assertError(replies.failure(new RequestFilteredException("DENIED_IP", "an address ..."), "r-1").response(),
                403, "FILTERED", "DENIED_IP");

        assertNull(error.get("problems"));
    }

    @Test
    void aRefusalThatLiftsByItselfIsTooManyRequestsWithRetryAfterInWholeSecondsRoundedUp() {
        APIGatewayV2HTTPResponse response = replies.failure(new RequestFilteredException("DEVICE_SESSION_LIMIT",
                "consumer.device.serialNumber has started its limit ...", Duration.ofMillis(1_500)), "r-1").response();

        assertError(response, 429, "FILTERED", "DEVICE_SESSION_LIMIT");
        assertEquals("2", response.getHeaders().get("Retry-After"));
    }

    @Test
    void unavailableAsksToRetry() {
        APIGatewayV2HTTPResponse response = replies.failure(new ServerUnavailableException("DynamoDB",
                new ConnectException("Connection refused")), "r-1").response();

        assertError(response, 503, "SERVER_UNAVAILABLE", "DEPENDENCY_UNAVAILABLE");
        assertEquals("5", response.getHeaders().get("Retry-After"));
    }

    @Test
    void anythingElseIsAServerFailureWithoutDetails() {
        APIGatewayV2HTTPResponse response = replies.failure(new IllegalStateException("table xyz is broken"), "r-42").response();

        JsonNode error = assertError(response, 500, "SERVER_FAILED", "INTERNAL_ERROR");
        assertEquals("the server failed to start the verification; request id r-42", error.get("message").asText());
        assertFalse(body(response).toString().contains("xyz"));
    }
}
