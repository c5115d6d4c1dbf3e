package org.cloudcheckkit.functions.callbacks;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The receipt routes: authenticated by their URL token, checked, recorded once, answered at once. */
class WebhookReceiptHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    @Test
    void anAccountWebhookIsRecordedForEachReference(LocalAws aws, CloudcheckSandbox sandbox) {
        WebhookReceiptHandler handler = new WebhookReceiptHandler(TestStack.components(aws, sandbox, "WebhookReceiptFunction"));
        String token = aws.secretFields("WebhookTokenSecret").get("webhookToken");

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("webhooks-cloudcheck.json")
                .queryParameter("t", token)
                .body("{\"requestType\":\"WATCHLIST_MONITORING\",\"eventType\":\"PEP_MATCH_REVIEW\","
                        + "\"reference\":\"0c78ee6c-5ef1-4772-a3b8-aab11869dd33,359505a039f0b80d3676ef61\"}").event(), new FunctionContext("test"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        long recorded = aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).items().stream()
                .filter(item -> item.get("pk").s().equals("WEBHOOK#WATCHLIST_MONITORING")).count();
        assertEquals(2, recorded);
    }

    @Test
    void anAccountWebhookWithoutOrWithAWrongTokenIsRefused(LocalAws aws, CloudcheckSandbox sandbox) {
        WebhookReceiptHandler handler = new WebhookReceiptHandler(TestStack.components(aws, sandbox, "WebhookReceiptFunction"));

        APIGatewayV2HTTPResponse missing = InContract.handle(handler, SampleEvents.load("webhooks-cloudcheck.json")
                .queryParameter("t", null).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse wrong = InContract.handle(handler, SampleEvents.load("webhooks-cloudcheck.json")
                .queryParameter("t", "a-guess-at-the-token").event(), new FunctionContext("test"));

        assertEquals(401, missing.getStatusCode());
        assertEquals(403, wrong.getStatusCode());
        assertEquals("CALLBACK_REJECTED", body(wrong).get("error").get("code").asText());
    }

    @Test
    void aWebhookPayloadOfTheWrongShapeIs400NamingTheField(LocalAws aws, CloudcheckSandbox sandbox) {
        WebhookReceiptHandler handler = new WebhookReceiptHandler(TestStack.components(aws, sandbox, "WebhookReceiptFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("webhooks-cloudcheck.json")
                .queryParameter("t", aws.secretFields("WebhookTokenSecret").get("webhookToken"))
                .body("{\"requestType\":\"VERIFICATION\",\"eventType\":\"<b>SOMETHING</b>\",\"reference\":\"r1\"}").event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        assertEquals("eventType", body(response).get("error").get("problems").get(0).get("field").asText());
    }

    @Test
    void aGoCallbackWhoseStatusCannotBeAStatusIs400AndNothingIsRecorded(LocalAws aws, CloudcheckSandbox sandbox) {
        Components components = TestStack.components(aws, sandbox, "WebhookReceiptFunction");
        WebhookReceiptHandler handler = new WebhookReceiptHandler(components);

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("callbacks-go.json")
                .queryParameter("cid", "c1").queryParameter("t", components.callbackTokens().tokenFor(CallbackKind.GO, "c1"))
                .queryParameter("goApiReference", "g1").queryParameter("recipientToken", "r1")
                .queryParameter("status", "<Teleported>").event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        assertEquals("query:status", body(response).get("error").get("problems").get(0).get("field").asText());
        assertTrue(item(aws, "GO#g1", "EVENT#r1#<Teleported>").isEmpty());
    }

    /** Cloudcheck may POST its parameters as a form, and API Gateway may hand the body over base64-encoded. */
    @Test
    void aGoCallbackPostedAsABase64FormIsRecorded(LocalAws aws, CloudcheckSandbox sandbox) {
        Components components = TestStack.components(aws, sandbox, "WebhookReceiptFunction");
        WebhookReceiptHandler handler = new WebhookReceiptHandler(components);
        JsonNode created = body(InContract.handle(new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction")),
                SampleEvents.load("go-create.json").event(), new FunctionContext("test")));
        String goApiReference = created.get("goApiReference").asText();
        String token = created.get("recipients").get(0).get("recipientToken").asText();
        String callbackId = components.goRequestTable().find(goApiReference).orElseThrow().callbackId();
        String form = "goApiReference=" + goApiReference + "&recipientToken=" + token + "&status=Opened";
        SampleEvents event = SampleEvents.load("callbacks-go-post.json").queryParameter("cid", callbackId)
                .queryParameter("t", components.callbackTokens().tokenFor(CallbackKind.GO, callbackId))
                .body(Base64.getEncoder().encodeToString(form.getBytes()));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, event.event(), new FunctionContext("test"));

        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals("Opened", item(aws, "GO#" + goApiReference, "EVENT#" + token + "#Opened").get("hint").s());
    }

    @Test
    void aFormBodyWithABadPercentEscapeIs400NamingTheBodyAndLogsNoStackTrace(LocalAws aws, CloudcheckSandbox sandbox) {
        Components components = TestStack.components(aws, sandbox, "WebhookReceiptFunction");
        SampleEvents event = SampleEvents.load("callbacks-go-post.json").queryParameter("cid", "c3")
                .queryParameter("t", components.callbackTokens().tokenFor(CallbackKind.GO, "c3"))
                .body(Base64.getEncoder().encodeToString("goApiReference=%zz&status=Opened".getBytes()));
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        APIGatewayV2HTTPResponse response;
        try {
            response = InContract.handle(new WebhookReceiptHandler(components),
                    event.event(), new FunctionContext("test"));
        } finally {
            System.setErr(original);
        }

        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals("body", body(response).get("error").get("problems").get(0).get("field").asText());
        assertEquals("MALFORMED_FORM", body(response).get("error").get("problems").get(0).get("rule").asText());
        assertFalse(log.toString(StandardCharsets.UTF_8).contains("\tat "), "no stack trace: " + log);
    }

    private static Map<String, AttributeValue> item(LocalAws aws, String pk, String sk) {
        return aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table"))
                .key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
    }
}
