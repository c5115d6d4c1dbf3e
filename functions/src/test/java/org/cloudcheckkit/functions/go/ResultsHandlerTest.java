package org.cloudcheckkit.functions.go;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.StackRig;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.localaws.MutableClock;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.table.ItemKey;
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
    void theStoredViewAnswersWithWhatTheCallbacksRecordedAndCallsCloudcheckNever(LocalAws aws, CloudcheckSandbox sandbox) {
        StackRig rig = new StackRig(aws, sandbox, new MutableClock(Instant.now()));
        ItemKey.Recipient recipient = rig.sentRecipient();
        sandbox.completeRecipient(recipient.recipientToken(), VerificationOutcome.PASS);
        rig.relayCallbacks();
        rig.deliverStream();
        int callsBefore = sandbox.calls().size();

        APIGatewayV2HTTPResponse response = InContract.handle(new ResultsHandler(rig.instance("ResultsFunction")),
                SampleEvents.load("go-request.json").pathParameter("goApiReference", recipient.goApiReference())
                        .queryParameter("view", "stored").event(), new FunctionContext("test"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(callsBefore, sandbox.calls().size(), "a front end can poll it without costing a Cloudcheck call");
        JsonNode stored = body(response).get("recipients").get(0);
        assertEquals(recipient.recipientToken(), stored.get("recipientToken").asText());
        assertEquals("Responded", stored.get("status").asText());
        assertTrue(stored.get("history").size() >= 2, "the trail the callbacks recorded: " + stored);
        assertTrue(stored.path("link").isMissingNode(), "the journey link is Cloudcheck's, in the live view only");
    }

    @Test
    void aViewOtherThanLiveOrStoredIsABadRequestNamingTheParameter(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        int callsBefore = sandbox.calls().size();

        APIGatewayV2HTTPResponse response = InContract.handle(
                new ResultsHandler(TestStack.components(aws, sandbox, "ResultsFunction")),
                SampleEvents.load("go-request.json").pathParameter("goApiReference", request.goApiReference())
                        .queryParameter("view", "cached").event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode(), response.getBody());
        JsonNode problem = body(response).get("error").get("problems").get(0);
        assertEquals("query:view", problem.get("field").asText());
        assertEquals("ONE_OF", problem.get("rule").asText());
        assertEquals(callsBefore, sandbox.calls().size());
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
        assertFalse(body(response).has("archive"), "not archived yet: no archive, as on every route");
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
