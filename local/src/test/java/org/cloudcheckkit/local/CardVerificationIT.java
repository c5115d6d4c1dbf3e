package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.cloudcheckkit.local.FrontEnd.sampleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Card verification's initiate route, called as the mobile app calls it: no front-end token, the body's access token. */
@ExtendWith(SharedLocalStack.class)
class CardVerificationIT {

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

    @Test
    void anInvalidRequestIsAnsweredInTheSeedsErrorFormat(LocalStack stack) {
        FrontEnd app = new FrontEnd(stack);

        JsonNode refused = json(app.send(initiate(app, sampleBody("card-verification-initiate-invalid.json"))), 400);

        assertFalse(refused.path("error").path("code").asText().isEmpty(), refused.toString());
    }
}
