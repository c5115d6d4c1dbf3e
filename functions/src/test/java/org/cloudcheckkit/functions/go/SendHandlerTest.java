package org.cloudcheckkit.functions.go;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.UUID;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** POST .../send and POST .../recipients/{recipientToken}/resend through the real handler. */
class SendHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void sendsTheMessagesOnceEvenWhenTheRequestIsRepeated(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        SendHandler handler = new SendHandler(TestStack.components(aws, sandbox, "SendFunction"));
        String key = UUID.randomUUID().toString();

        APIGatewayV2HTTPResponse sent = InContract.handle(handler, send(request, key), new FunctionContext("test"));
        APIGatewayV2HTTPResponse repeat = InContract.handle(handler, send(request, key), new FunctionContext("test"));

        assertEquals(200, sent.getStatusCode(), sent.getBody());
        assertEquals(1, body(sent).get("emailsSent").asInt());
        assertEquals(sent.getBody(), repeat.getBody());
        assertEquals(1, sandbox.successfulCalls("/go/send/"));
        assertEquals(RecipientStatus.DELIVERED, sandbox.recipient(request.firstToken()).status());
    }

    @Test
    void theSameKeyOnAnotherRequestIsRefusedAndThatRequestIsNotSent(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest first = CreatedRequest.make(aws, sandbox);
        CreatedRequest second = CreatedRequest.make(aws, sandbox);
        SendHandler handler = new SendHandler(TestStack.components(aws, sandbox, "SendFunction"));
        String key = UUID.randomUUID().toString();
        assertEquals(200, InContract.handle(handler, send(first, key), new FunctionContext("test")).getStatusCode());

        APIGatewayV2HTTPResponse reused = InContract.handle(handler, send(second, key), new FunctionContext("test"));

        assertEquals(422, reused.getStatusCode(), "never the first request's answer: " + reused.getBody());
        assertEquals(1, sandbox.successfulCalls("/go/send/"), "and the second request was not sent");
        assertEquals(RecipientStatus.NOT_SENT, sandbox.recipient(second.firstToken()).status());
    }

    @Test
    void theSameKeyByAnotherCallerIsRefused(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        SendHandler handler = new SendHandler(TestStack.components(aws, sandbox, "SendFunction"));
        String key = UUID.randomUUID().toString();
        assertEquals(200, InContract.handle(handler, send(request, key), new FunctionContext("test")).getStatusCode());

        APIGatewayV2HTTPResponse administrator = InContract.handle(handler, SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", request.goApiReference()).header("idempotency-key", key)
                .principal("compliance-officer").scopes("cloudcheck/admin").event(), new FunctionContext("test"));

        assertEquals(422, administrator.getStatusCode(), administrator.getBody());
        assertEquals(1, sandbox.successfulCalls("/go/send/"));
    }

    @Test
    void aTestSendNeedsAnAddressAndNamesIt(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        SendHandler handler = new SendHandler(TestStack.components(aws, sandbox, "SendFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", request.goApiReference()).header("idempotency-key", null)
                .body("{\"test\": true}").event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        assertEquals("testEmailAddress", body(response).get("error").get("problems").get(0).get("field").asText());
        assertEquals(0, sandbox.successfulCalls("/go/send/"));
    }

    @Test
    void resendsToOneRecipient(LocalAws aws, CloudcheckSandbox sandbox) {
        CreatedRequest request = CreatedRequest.make(aws, sandbox);
        SendHandler handler = new SendHandler(TestStack.components(aws, sandbox, "SendFunction"));
        InContract.handle(handler, send(request, UUID.randomUUID().toString()), new FunctionContext("test"));

        APIGatewayV2HTTPResponse resent = InContract.handle(handler, SampleEvents.load("go-resend.json")
                .pathParameter("goApiReference", request.goApiReference())
                .pathParameter("recipientToken", request.firstToken()).event(), new FunctionContext("test"));

        assertEquals(200, resent.getStatusCode(), resent.getBody());
        assertEquals("SUCCESS", body(resent).get("result").asText());
    }

    @Test
    void aRequestNotMadeHereIs404WithoutCallingCloudcheck(LocalAws aws, CloudcheckSandbox sandbox) {
        SendHandler handler = new SendHandler(TestStack.components(aws, sandbox, "SendFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-send.json")
                .pathParameter("goApiReference", "never-made").header("idempotency-key", null).event(), new FunctionContext("test"));

        assertEquals(404, response.getStatusCode());
        assertEquals("GO_REQUEST_NOT_FOUND", body(response).get("error").get("code").asText());
        assertEquals(0, sandbox.calls().size());
    }

    private static com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent send(CreatedRequest request, String key) {
        return SampleEvents.load("go-send.json").pathParameter("goApiReference", request.goApiReference())
                .header("idempotency-key", key).event();
    }
}
