package org.cloudcheckkit.functions.akahu;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST /akahu/sessions, GET /akahu/sessions/{token} and its review, through the real handlers. */
class AkahuHandlersTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate()
            .withSecret("CloudcheckSecretId", Map.of("apiKey", "sandbox-key-all", "apiSecret", "sandbox-secret-all"));
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void aSessionIsStartedCompletedReadAndReviewed(LocalAws aws, CloudcheckSandbox sandbox) {
        AkahuInitiateHandler initiate = new AkahuInitiateHandler(TestStack.components(aws, sandbox, "AkahuInitiateFunction"));
        AkahuResultsHandler results = new AkahuResultsHandler(TestStack.components(aws, sandbox, "AkahuResultsFunction"));

        APIGatewayV2HTTPResponse started = InContract.handle(initiate, SampleEvents.load("akahu-initiate.json")
                .header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));
        assertEquals(201, started.getStatusCode(), started.getBody());
        String token = body(started).get("token").asText();
        assertTrue(body(started).get("url").asText().startsWith("http"));

        sandbox.completeAkahu(token, AkahuStatus.PASS);
        APIGatewayV2HTTPResponse result = InContract.handle(results, SampleEvents.load("akahu-session.json")
                .pathParameter("token", token).event(), new FunctionContext("test"));
        assertEquals(200, result.getStatusCode(), result.getBody());
        assertEquals("Pass", body(result).get("status").asText());
        assertFalse(body(result).has("archive"), "not archived yet: no archive, as on every route");

        APIGatewayV2HTTPResponse reviewed = InContract.handle(results, SampleEvents.load("akahu-review.json")
                .pathParameter("token", token).event(), new FunctionContext("test"));
        assertEquals(200, reviewed.getStatusCode(), reviewed.getBody());
        assertEquals("SUCCESS", body(reviewed).get("result").asText());
    }

    @Test
    void aReviewWithoutADecisionNamesTheField(LocalAws aws, CloudcheckSandbox sandbox) {
        AkahuResultsHandler results = new AkahuResultsHandler(TestStack.components(aws, sandbox, "AkahuResultsFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(results, SampleEvents.load("akahu-review.json")
                .pathParameter("token", "any").body("{\"notes\": \"x\"}").event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        assertEquals("reviewDecision", body(response).get("error").get("problems").get(0).get("field").asText());
    }

    @Test
    void aSessionNotStartedHereIs404(LocalAws aws, CloudcheckSandbox sandbox) {
        AkahuResultsHandler results = new AkahuResultsHandler(TestStack.components(aws, sandbox, "AkahuResultsFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(results, SampleEvents.load("akahu-session.json")
                .pathParameter("token", "not-ours").event(), new FunctionContext("test"));

        assertEquals(404, response.getStatusCode());
        assertEquals("AKAHU_SESSION_NOT_FOUND", body(response).get("error").get("code").asText());
    }
}
