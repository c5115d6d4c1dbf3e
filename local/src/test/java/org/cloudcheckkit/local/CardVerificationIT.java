package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.cloudcheckkit.local.FrontEnd.sampleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Card verification's initiate route, called as the mobile app calls it: no front-end token, the body's access token. */
@ExtendWith(SharedLocalStack.class)
class CardVerificationIT {

    /** The sample request with another access token and serial number. */
    private static String body(String accessToken, String serialNumber) {
        ObjectNode body = (ObjectNode) Json.parse(sampleBody("card-verification-initiate.json"));
        ((ObjectNode) body.path("session")).put("accessToken", accessToken);
        ((ObjectNode) body.path("consumer").path("device")).put("serialNumber", serialNumber);
        return body.toString();
    }

    private static HttpRequest initiate(FrontEnd app, String body) {
        return app.request("/verification/initiate-verification").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    @Test
    void initiatesASessionWithoutABearerTokenSignedWithTheConnectingPartysEndpoint(LocalStack stack) {
        FrontEnd app = new FrontEnd(stack);

        JsonNode session = json(app.send(initiate(app, sampleBody("card-verification-initiate.json"))), 200);

        assertEquals(stack.aws().secretFields("ConnectingPartySecretId").get("endpointId"), session.path("endpointId").asText());
        assertFalse(session.path("invoiceId").asText().isEmpty(), session.toString());
        assertFalse(session.path("session").path("nonce").asText().isEmpty(), session.toString());
        assertFalse(session.path("session").path("signature").asText().isEmpty(), session.toString());
    }

    /** The security issue's attack through the local API, with the template's default TokenBinding. */
    @Test
    void aTokenBoundToOneDeviceGetsNoSignatureForAnotherByMovingACharacterIntoTheSerialNumber(LocalStack stack) {
        FrontEnd app = new FrontEnd(stack);
        String token = "it-resplit-" + UUID.randomUUID();

        json(app.send(initiate(app, body(token, "DEVICE-A"))), 200);
        JsonNode refused = json(app.send(initiate(app, body(token + "D", "EVICE-B"))), 403);

        assertEquals("FILTERED", refused.path("error").path("cause").asText(), refused.toString());
        assertEquals("AMBIGUOUS_TOKEN", refused.path("error").path("code").asText(), refused.toString());
    }

    /** The template's default limit, 10 new sessions per device and clock hour, through the local API. */
    @Test
    void theEleventhSessionOfADeviceWithinAnHourIsAnswered429WithRetryAfter(LocalStack stack) {
        FrontEnd app = new FrontEnd(stack);
        Instant started;
        HttpResponse<String> eleventh;
        do { // should a clock hour turn during the calls, the count starts again: make them all again in the new hour
            started = Instant.now();
            String device = "IT-LIMIT-" + UUID.randomUUID();
            String token = "it-limit-" + UUID.randomUUID();
            for (int i = 0; i < 10; i++) {
                json(app.send(initiate(app, body(token, device))), 200);
            }
            eleventh = app.send(initiate(app, body(token, device)));
        } while (!started.truncatedTo(ChronoUnit.HOURS).equals(Instant.now().truncatedTo(ChronoUnit.HOURS)));

        JsonNode refused = json(eleventh, 429);

        assertEquals("FILTERED", refused.path("error").path("cause").asText(), refused.toString());
        assertEquals("DEVICE_SESSION_LIMIT", refused.path("error").path("code").asText(), refused.toString());
        long retryAfter = Long.parseLong(eleventh.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 3600, "Retry-After " + retryAfter);
    }

    @Test
    void anInvalidRequestIsAnsweredInTheSeedsErrorFormat(LocalStack stack) {
        FrontEnd app = new FrontEnd(stack);

        JsonNode refused = json(app.send(initiate(app, sampleBody("card-verification-initiate-invalid.json"))), 400);

        assertFalse(refused.path("error").path("code").asText().isEmpty(), refused.toString());
    }
}
