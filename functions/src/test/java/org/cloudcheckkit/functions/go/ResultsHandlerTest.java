package org.cloudcheckkit.functions.go;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /go/requests/{goApiReference} and GET /go/recipients/{recipientToken} through the real handler. */
class ResultsHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void aRequestShowsCloudchecksStatusesWithWhatWasStored(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        sandbox.completeRecipient(request.firstToken(), VerificationOutcome.PASS);
        ResultsHandler handler = new ResultsHandler(TestStack.components(aws, sandbox, "ResultsFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-request.json")
                .pathParameter("goApiReference", request.goApiReference()).event(), new FunctionContext("test"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        JsonNode view = body(response);
        assertEquals("onboarding-42", view.get("reference").asText());
        JsonNode recipient = view.get("recipients").get(0);
        assertEquals(request.firstToken(), recipient.get("recipientToken").asText());
        assertEquals("Responded", recipient.get("status").asText());
        assertEquals("ACTIVE", recipient.get("rosterState").asText());
    }

    @Test
    void aRecipientsResultIsCloudchecksOwnJson(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        sandbox.completeRecipient(request.firstToken(), VerificationOutcome.FAIL);
        ResultsHandler handler = new ResultsHandler(TestStack.components(aws, sandbox, "ResultsFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-recipient.json")
                .pathParameter("recipientToken", request.firstToken()).event(), new FunctionContext("test"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("FAIL", body(response).get("verification").get("outcome").asText());
        assertTrue(body(response).has("recipientToken"));
    }

    @Test
    void aTokenThisServiceDidNotIssueIs404AndCostsNoCloudcheckCall(LocalAws aws, CloudcheckSandbox sandbox) {
        ResultsHandler handler = new ResultsHandler(TestStack.components(aws, sandbox, "ResultsFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-recipient.json")
                .pathParameter("recipientToken", "unknown-token").event(), new FunctionContext("test"));

        assertEquals(404, response.getStatusCode());
        assertEquals("RECIPIENT_NOT_FOUND", body(response).get("error").get("code").asText());
        assertEquals(0, sandbox.calls().size(), "Cloudcheck was not asked: its whole account is not readable by token");
    }
}
