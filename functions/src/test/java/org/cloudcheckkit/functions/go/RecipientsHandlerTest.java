package org.cloudcheckkit.functions.go;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.table.RosterEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Adding, editing and cancelling a Go request's recipients through the real handler. */
class RecipientsHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void aRecipientIsAddedEditedToANewTokenAndCancelled(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        RecipientsHandler handler = new RecipientsHandler(TestStack.components(aws, sandbox, "RecipientsFunction"));

        APIGatewayV2HTTPResponse added = InContract.handle(handler, SampleEvents.load("go-add-recipient.json")
                .pathParameter("goApiReference", request.goApiReference()).event(), new FunctionContext("test"));
        assertEquals(201, added.getStatusCode(), added.getBody());
        String addedToken = body(added).get("recipientToken").asText();

        InContract.handle(new SendHandler(TestStack.components(aws, sandbox, "SendFunction")),
                SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", request.goApiReference())
                .header("idempotency-key", UUID.randomUUID().toString()).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse edited = InContract.handle(handler, SampleEvents.load("go-edit-recipient.json")
                .pathParameter("goApiReference", request.goApiReference()).pathParameter("recipientToken", addedToken)
                .event(), new FunctionContext("test"));
        assertEquals(200, edited.getStatusCode(), edited.getBody());
        String newToken = body(edited).get("recipientToken").asText();
        assertNotEquals(addedToken, newToken, "a new mobile number after a send gives a new token");

        APIGatewayV2HTTPResponse cancelled = InContract.handle(handler, SampleEvents.load("go-cancel-recipients.json")
                .pathParameter("goApiReference", request.goApiReference())
                .body("{\"recipientTokens\": [\"" + newToken + "\"]}").event(), new FunctionContext("test"));
        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());

        Map<String, AttributeValue> roster = aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table")).key(Map.of(
                "pk", AttributeValue.fromS("GO#" + request.goApiReference()), "sk", AttributeValue.fromS("REQUEST"))))
                .item().get("roster").m();
        assertEquals("REPLACED", roster.get(addedToken).m().get("state").s());
        assertEquals(newToken, roster.get(addedToken).m().get("replacedBy").s());
        assertEquals("CANCELLED", roster.get(newToken).m().get("state").s());
    }

    @Test
    void anEditOfATokenNotInTheRequestIs404(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        RecipientsHandler handler = new RecipientsHandler(TestStack.components(aws, sandbox, "RecipientsFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-edit-recipient.json")
                .pathParameter("goApiReference", request.goApiReference()).pathParameter("recipientToken", "someone-else")
                .event(), new FunctionContext("test"));

        assertEquals(404, response.getStatusCode());
        assertEquals("RECIPIENT_NOT_FOUND", body(response).get("error").get("code").asText());
    }

    @Test
    void anInvalidRecipientIsRefusedBeforeCloudcheckIsCalled(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        RecipientsHandler handler = new RecipientsHandler(TestStack.components(aws, sandbox, "RecipientsFunction"));
        long callsBefore = sandbox.calls().size();

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-add-recipient.json")
                .pathParameter("goApiReference", request.goApiReference())
                .editBody(body -> body.put("mobileNumber", "021")).event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        assertEquals("mobileNumber", body(response).get("error").get("problems").get(0).get("field").asText());
        assertEquals(callsBefore, sandbox.calls().size());
    }

    @Test
    void fiveHundredRecipientsAreCancelledInOneCall(LocalAws aws, CloudcheckSandbox sandbox) {
        APIGatewayV2HTTPResponse created = InContract.handle(new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction")),
                SampleEvents.load("go-create.json").editBody(body -> {
                    ArrayNode recipients = (ArrayNode) body.get("recipients");
                    for (int i = 1; i < 500; i++) {
                        recipients.add(((ObjectNode) recipients.get(0).deepCopy()).put("reference", "cust-" + i));
                    }
                }).event(), new FunctionContext("test"));
        assertEquals(201, created.getStatusCode(), created.getBody());
        String goApiReference = body(created).get("goApiReference").asText();
        ArrayNode tokens = JsonNodeFactory.instance.arrayNode();
        body(created).get("recipients").forEach(recipient -> tokens.add(recipient.get("recipientToken").asText()));
        assertEquals(500, tokens.size());
        Components recipients = TestStack.components(aws, sandbox, "RecipientsFunction");

        APIGatewayV2HTTPResponse cancelled = InContract.handle(new RecipientsHandler(recipients),
                SampleEvents.load("go-cancel-recipients.json").pathParameter("goApiReference", goApiReference)
                        .body("{\"recipientTokens\": " + tokens + "}").event(), new FunctionContext("test"));

        assertEquals(200, cancelled.getStatusCode(), cancelled.getBody());
        Map<String, RosterEntry> roster = recipients.goRequestTable().find(goApiReference).orElseThrow().roster();
        assertEquals(500, roster.values().stream().filter(entry -> entry.state() == RosterEntry.State.CANCELLED).count(),
                "every recipient Cloudcheck cancelled is cancelled in the roster too");
    }
}
