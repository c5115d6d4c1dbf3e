package org.cloudcheckkit.functions.go;

import static org.cloudcheckkit.functions.TestStack.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.cloudcheckkit.functions.InContract;
import org.cloudcheckkit.functions.SampleEvents;
import org.cloudcheckkit.functions.TestStack;
import org.cloudcheckkit.localaws.FunctionContext;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.CloudcheckSandboxExtension;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** POST /go/requests through the real handler, with events/go-create.json, against moto and the sandbox. */
class CreateHandlerTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    @RegisterExtension
    static final CloudcheckSandboxExtension SANDBOX = CloudcheckSandboxExtension.withDefaults();

    /** The sample create, with an Idempotency-Key of its own so that tests do not see each other's. */
    private static SampleEvents create() {
        return SampleEvents.load("go-create.json").header("idempotency-key", java.util.UUID.randomUUID().toString());
    }

    @Test
    void createsTheRequestWithOurCallbackUrlAndKeepsOnlyReferencesAndTokens(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, create().event(), new FunctionContext("test"));

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode created = body(response);
        String goApiReference = created.get("goApiReference").asText();
        String token = created.get("recipients").get(0).get("recipientToken").asText();
        assertEquals("Not Sent", created.get("recipients").get(0).get("status").asText());
        assertTrue(created.get("recipients").get(0).get("link").asText().startsWith("http"));

        Map<String, AttributeValue> item = aws.dynamoDb().getItem(r -> r.tableName(aws.physicalName("Table"))
                .key(Map.of("pk", AttributeValue.fromS("GO#" + goApiReference), "sk", AttributeValue.fromS("REQUEST")))).item();
        assertEquals("onboarding-42", item.get("reference").s());
        assertEquals("1", item.get("recipientCount").n());
        assertEquals("cust-0001", item.get("roster").m().get(token).m().get("reference").s());
        String stored = item.toString();
        for (String personal : List.of("Jane", "Citizen", "jane.citizen@example.nz", "+64211234567", "1990-04-01", "Queen Street")) {
            assertFalse(stored.contains(personal), "the table holds no personal details, but has " + personal);
        }

        sandbox.recipient(token);
        InContract.handle(new SendHandler(TestStack.components(aws, sandbox, "SendFunction")),
                SampleEvents.load("go-send.json").pathParameter("goApiReference", goApiReference).header("idempotency-key", null)
                        .event(), new FunctionContext("test"));
        sandbox.awaitCallbacks(Duration.ofSeconds(5));
        String notified = sandbox.callbackDeliveries().get(0).url();
        assertTrue(notified.startsWith(TestStack.NO_CALLBACKS + "/callbacks/go?cid=" + item.get("callbackId").s() + "&t="),
                notified);
    }

    /** Seed 000 asks no address of a Go recipient: the customer enters their details in Cloudcheck's journey. */
    @Test
    void anEmailOnlyRecipientWithoutAnAddressIsCreated(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));
        SampleEvents event = create().editBody(body -> ((ObjectNode) body.get("recipients").get(0))
                .remove(List.of("address", "dateofbirth", "mobileNumber")));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, event.event(), new FunctionContext("test"));

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertTrue(body(response).get("recipients").get(0).get("recipientToken").asText().length() > 0);
        assertFalse(body(response).get("error") != null || body(response).has("problems"), response.getBody());
    }

    @Test
    void aPartialCreateSendsTheValidRecipientsAndNamesTheOthersAtTheirPlaces(LocalAws aws, CloudcheckSandbox sandbox) {
        SampleEvents event = create().editBody(body -> {
            body.put("allowPartial", true);
            ArrayNode recipients = (ArrayNode) body.get("recipients");
            recipients.add(((ObjectNode) recipients.get(0).deepCopy()).put("reference", "cust-0002")
                    .put("mobileNumber", "021 123 4567"));
            recipients.add(askingForLive(recipients.get(0)).put("reference", "cust-0003"));
        });

        APIGatewayV2HTTPResponse response = InContract.handle(believingLiveIsEnabled(aws, sandbox),
                event.event(), new FunctionContext("test"));

        assertEquals(201, response.getStatusCode(), response.getBody());
        JsonNode created = body(response);
        assertEquals(2, created.get("recipients").size(), "only the two valid here were sent: " + created);
        assertEquals("cust-0001", created.get("recipients").get(0).get("reference").asText());
        assertTrue(created.get("recipients").get(0).has("recipientToken"));
        assertEquals(List.of("recipients[1].mobileNumber INVALID_PHONE_NUMBER", "recipients[2] SERVICE_NOT_AVAILABLE"),
                fieldsAndRules(created.get("problems")));
        assertEquals(1, sandbox.successfulCalls("/go/create/"));
    }

    @Test
    void aPartialCreateCloudcheckRefusesWholeNamesEachRecipientAtItsPlace(LocalAws aws, CloudcheckSandbox sandbox) {
        SampleEvents event = create().editBody(body -> {
            body.put("allowPartial", true);
            ArrayNode recipients = (ArrayNode) body.get("recipients");
            recipients.add(askingForLive(recipients.get(0)));
            ((ObjectNode) recipients.get(0)).put("mobileNumber", "021 123 4567");
        });

        APIGatewayV2HTTPResponse response = InContract.handle(believingLiveIsEnabled(aws, sandbox),
                event.event(), new FunctionContext("test"));

        assertEquals(422, response.getStatusCode(), response.getBody());
        assertEquals(List.of("recipients[0] INVALID_PHONE_NUMBER", "recipients[1] SERVICE_NOT_AVAILABLE"),
                fieldsAndRules(body(response).get("error").get("problems")));
    }

    /** Live passes this service's check (it believes the account has Live) and Cloudcheck refuses it (the key lacks it). */
    private static CreateHandler believingLiveIsEnabled(LocalAws aws, CloudcheckSandbox sandbox) {
        return new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction",
                Map.of("CLOUDCHECK_SERVICES", "verification,live")));
    }

    private static ObjectNode askingForLive(JsonNode recipient) {
        ObjectNode copy = recipient.deepCopy();
        ((ObjectNode) copy.get("requestType")).put("live", true);
        return copy;
    }

    private static List<String> fieldsAndRules(JsonNode problems) {
        return StreamSupport.stream(problems.spliterator(), false)
                .map(p -> p.get("field").asText() + " " + p.get("rule").asText()).toList();
    }

    /** What Lambda calls: the raw event in, the raw answer out. */
    @Test
    void theStreamEntryPointLambdaCallsCreatesTheRequest(LocalAws aws, CloudcheckSandbox sandbox) throws Exception {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));
        byte[] event = java.nio.file.Files.readAllBytes(SampleEvents.eventsDirectory().resolve("go-create.json"));
        java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();

        handler.handleRequest(new java.io.ByteArrayInputStream(new String(event, java.nio.charset.StandardCharsets.UTF_8)
                .replace("0d7f6a8e-2c1b-4f7e-9a51-5b8f3c2d1e00", java.util.UUID.randomUUID().toString())
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)), answer, new FunctionContext("test"));

        JsonNode response = new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.toByteArray());
        assertEquals(201, response.get("statusCode").asInt(), response.toString());
        assertTrue(new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.get("body").asText())
                .get("goApiReference").asText().length() > 0);
        assertEquals("application/json; charset=utf-8", response.get("headers").get("Content-Type").asText());
    }

    @Test
    void everyProblemIsNamedAndNothingIsSentToCloudcheck(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));
        SampleEvents event = create().editBody(body -> {
            ArrayNode recipients = (ArrayNode) body.get("recipients");
            ObjectNode second = recipients.get(0).deepCopy();
            second.put("mobileNumber", "021 123 4567");
            second.put("dateofbirth", "1990-13-01");
            ((ObjectNode) second.get("address")).put("streetname", "PO Box 11");
            recipients.add(second);
            body.put("completeUrl", "not a url");
            body.put("dateOfBirth", "1990-01-01");
        });

        APIGatewayV2HTTPResponse response = InContract.handle(handler, event.event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        JsonNode error = body(response).get("error");
        assertEquals("VALIDATION_FAILED", error.get("code").asText());
        assertEquals(List.of("dateOfBirth", "completeUrl", "recipients[1].mobileNumber", "recipients[1].dateofbirth",
                        "recipients[1].address"),
                StreamSupport.stream(error.get("problems").spliterator(), false).map(p -> p.get("field").asText()).toList());
        assertEquals(0, sandbox.calls().size(), "no billable call was made");
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerWithoutASecondCreate(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));

        String key = java.util.UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse first = InContract.handle(handler,
                create().header("idempotency-key", key).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse repeat = InContract.handle(handler,
                create().header("idempotency-key", key).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse otherBody = InContract.handle(handler, create().header("idempotency-key", key)
                .editBody(body -> body.put("reference", "another")).event(), new FunctionContext("test"));

        assertEquals(201, repeat.getStatusCode());
        assertEquals(first.getBody(), repeat.getBody());
        assertEquals(1, sandbox.successfulCalls("/go/create/"));
        assertEquals(422, otherBody.getStatusCode());
        assertEquals("IDEMPOTENCY_DIFFERENT_REQUEST", body(otherBody).get("error").get("code").asText());
    }

    @Test
    void anUnknownOutcomeIsRememberedSoARepeatCannotBillTwice(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));
        sandbox.failNext("/go/create/", 1, ApiFault.of(ApiFault.Kind.HTTP_500));

        String key = java.util.UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse lost = InContract.handle(handler,
                create().header("idempotency-key", key).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse repeat = InContract.handle(handler,
                create().header("idempotency-key", key).event(), new FunctionContext("test"));

        assertEquals(502, lost.getStatusCode());
        assertEquals("CLOUDCHECK_OUTCOME_UNKNOWN", body(lost).get("error").get("code").asText());
        assertEquals(409, repeat.getStatusCode());
        assertEquals("IDEMPOTENCY_OUTCOME_UNKNOWN", body(repeat).get("error").get("code").asText());
    }

    @Test
    void aTemporaryCloudcheckFailureIs503WithRetryAfterAndTheKeyCanBeRetried(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));
        sandbox.failNext("/go/create/", 1, ApiFault.of(ApiFault.Kind.ERROR_112));

        String key = java.util.UUID.randomUUID().toString();
        APIGatewayV2HTTPResponse failed = InContract.handle(handler,
                create().header("idempotency-key", key).event(), new FunctionContext("test"));
        APIGatewayV2HTTPResponse retried = InContract.handle(handler,
                create().header("idempotency-key", key).event(), new FunctionContext("test"));

        assertEquals(503, failed.getStatusCode());
        assertEquals("5", failed.getHeaders().get("Retry-After"));
        assertEquals(112, body(failed).get("error").get("cloudcheck").get("error").asInt());
        assertEquals(201, retried.getStatusCode());
    }

    @Test
    void rejectedCredentialsAre502AndNotTheCallersFault(LocalAws aws, CloudcheckSandbox sandbox) {
        aws.secretsManager().putSecretValue(r -> r.secretId(aws.secretName("CloudcheckSecretId"))
                .secretString("{\"apiKey\":\"sandbox-key\",\"apiSecret\":\"rotated-but-not-here\"}"));
        try {
            CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));

            APIGatewayV2HTTPResponse response = InContract.handle(handler,
                    create().event(), new FunctionContext("test"));

            assertEquals(502, response.getStatusCode());
            assertEquals("CLOUDCHECK_CREDENTIALS_REJECTED", body(response).get("error").get("code").asText());
            assertFalse(response.getBody().contains("rotated-but-not-here"));
        } finally {
            aws.secretsManager().putSecretValue(r -> r.secretId(aws.secretName("CloudcheckSecretId"))
                    .secretString("{\"apiKey\":\"sandbox-key\",\"apiSecret\":\"sandbox-secret\"}"));
        }
    }

    /** Cloudcheck's recipient codes, per recipient, when our rules and the account disagree (here: Live not enabled). */
    @Test
    void recipientsCloudcheckRefusesAre422PerRecipient(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction",
                Map.of("CLOUDCHECK_SERVICES", "verification,live")));
        SampleEvents event = create()
                .editBody(body -> ((ObjectNode) body.get("recipients").get(0).get("requestType")).put("live", true));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, event.event(), new FunctionContext("test"));

        assertEquals(422, response.getStatusCode());
        JsonNode problem = body(response).get("error").get("problems").get(0);
        assertEquals("recipients[0]", problem.get("field").asText());
        assertEquals("SERVICE_NOT_AVAILABLE", problem.get("rule").asText());
    }

    /** A create Cloudcheck made while refusing one recipient: the refusal is named in the same problem format. */
    @Test
    void aRecipientCloudcheckRefusedInACreateItMadeIsAProblemOfTheAnswer(LocalAws aws, CloudcheckSandbox sandbox) {
        SampleEvents event = create().editBody(body -> {
            ArrayNode recipients = (ArrayNode) body.get("recipients");
            recipients.add(askingForLive(recipients.get(0)));
        });

        APIGatewayV2HTTPResponse response = InContract.handle(believingLiveIsEnabled(aws, sandbox),
                event.event(), new FunctionContext("test"));

        assertEquals(201, response.getStatusCode(), response.getBody());
        assertEquals(List.of("recipients[1] SERVICE_NOT_AVAILABLE"), fieldsAndRules(body(response).get("problems")));
    }

    @Test
    void aBodyThatIsNotJsonIs400(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler,
                create().body("{\"recipients\": [").event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode());
        assertEquals("MALFORMED_JSON", body(response).get("error").get("problems").get(0).get("rule").asText());
    }

    @Test
    void aCompleteUrlOnAHostNotAllowedIs400AndNothingIsCreated(LocalAws aws, CloudcheckSandbox sandbox) {
        CreateHandler handler = new CreateHandler(TestStack.components(aws, sandbox, "CreateFunction"));

        APIGatewayV2HTTPResponse response = InContract.handle(handler, SampleEvents.load("go-create.json")
                .editBody(body -> body.put("completeUrl", "https://evil.example/collect")).event(), new FunctionContext("test"));

        assertEquals(400, response.getStatusCode(), response.getBody());
        JsonNode problem = body(response).get("error").get("problems").get(0);
        assertEquals("completeUrl", problem.get("field").asText());
        assertEquals("REDIRECT_NOT_ALLOWED", problem.get("rule").asText());
        assertEquals(0, sandbox.calls().size(), "no billable call for a request refused here");
    }
}
