package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.callbacks.CallbackKeys;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.callbacks.CallbackTokens;
import org.cloudcheckkit.callbacks.WebhookToken;
import org.cloudcheckkit.config.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local API behaves as API Gateway in front of the functions, for what a handler cannot do itself. */
@ExtendWith(SharedLocalStack.class)
class HttpApiIT {

    @Test
    void aFrontEndRouteWithoutTheBearerTokenIs401AndNeverReachesItsFunction(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        long createsBefore = stack.sandbox().orElseThrow().successfulCalls("/go/create/");

        HttpResponse<String> none = frontEnd.send(frontEnd.request("/go/requests").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> wrong = frontEnd.send(frontEnd.request("/go/requests").header("Authorization", "Bearer not-the-token")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertEquals("Unauthorized", json(none, 401).path("message").asText());
        assertEquals("Unauthorized", json(wrong, 401).path("message").asText());
        assertEquals(createsBefore, stack.sandbox().orElseThrow().successfulCalls("/go/create/"));
    }

    @Test
    void aPathOrMethodWithNoRouteIs404LikeApiGateway(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);

        assertEquals("Not Found", json(frontEnd.get("/no/such/route"), 404).path("message").asText());
        assertEquals("Not Found", json(frontEnd.send(frontEnd.authorized("/go/requests").DELETE().build()), 404)
                .path("message").asText());
    }

    @Test
    void aBrowsersPreflightIsAnsweredFromTheTemplatesCorsConfigurationBeforeAnyAuthorizer(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);

        HttpResponse<String> allowed = frontEnd.send(preflight(frontEnd, SharedLocalStack.FRONT_END_ORIGIN));
        HttpResponse<String> elsewhere = frontEnd.send(preflight(frontEnd, "https://elsewhere.example"));

        assertEquals(204, allowed.statusCode());
        assertEquals(SharedLocalStack.FRONT_END_ORIGIN, header(allowed, "Access-Control-Allow-Origin"));
        assertEquals("GET,POST,PUT,OPTIONS", header(allowed, "Access-Control-Allow-Methods"));
        assertEquals("authorization,content-type,idempotency-key", header(allowed, "Access-Control-Allow-Headers"));
        assertEquals("600", header(allowed, "Access-Control-Max-Age"));
        assertEquals(204, elsewhere.statusCode());
        assertEquals("", header(elsewhere, "Access-Control-Allow-Origin"), "the browser refuses the call");
    }

    @Test
    void aFunctionsAnswerToAnAllowedOriginCarriesItsCorsHeadersAndExposesRetryAfter(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);

        HttpResponse<String> answer = frontEnd.send(frontEnd.authorized("/go/requests/no-such-request")
                .header("Origin", SharedLocalStack.FRONT_END_ORIGIN).GET().build());

        assertEquals(404, answer.statusCode());
        assertEquals(SharedLocalStack.FRONT_END_ORIGIN, header(answer, "Access-Control-Allow-Origin"));
        assertEquals("retry-after", header(answer, "Access-Control-Expose-Headers"));
    }

    private static HttpRequest preflight(FrontEnd frontEnd, String origin) {
        return frontEnd.request("/go/requests").method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key").build();
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElse("");
    }

    @Test
    void pathParametersReachTheHandler(LocalStack stack) {
        JsonNode answer = json(new FrontEnd(stack).get("/go/requests/no-such-request"), 404);

        assertTrue(answer.toString().contains("no-such-request"), "the handler saw the path parameter: " + answer);
    }

    @Test
    void aFormEncodedCallbackArrivesBase64EncodedAndTheHandlerReadsItsFields(LocalStack stack) {
        FrontEnd cloudcheck = new FrontEnd(stack);
        JsonNode created = json(cloudcheck.post("/go/requests", FrontEnd.sampleBody("go-create.json"), UUID.randomUUID().toString()), 201);
        String goApiReference = created.get("goApiReference").asText();
        String callbackId = callbackId(stack, goApiReference);
        String fields = "cid=" + callbackId + "&t=" + tokens(stack).tokenFor(CallbackKind.GO, callbackId)
                + "&goApiReference=" + goApiReference + "&recipientToken="
                + created.get("recipients").get(0).get("recipientToken").asText() + "&status=Sent";

        HttpResponse<String> posted = cloudcheck.send(cloudcheck.request("/callbacks/go")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(fields)).build());
        HttpResponse<String> queried = cloudcheck.send(cloudcheck.request("/callbacks/go?" + fields).GET().build());

        JsonNode first = json(posted, 200);
        assertTrue(first.path("received").asBoolean());
        assertFalse(first.path("duplicate").asBoolean(), "the fields came from the decoded body");
        assertTrue(json(queried, 200).path("duplicate").asBoolean(), "the same fields in the query string are the same callback");
    }

    @Test
    void aCallbackWithAWrongTokenIsRefused(LocalStack stack) {
        FrontEnd cloudcheck = new FrontEnd(stack);

        HttpResponse<String> forged = cloudcheck.send(cloudcheck.request(
                "/callbacks/go?cid=abc&t=forged&goApiReference=r&recipientToken=t&status=Sent").GET().build());

        assertEquals(403, forged.statusCode(), forged.body());
    }

    @Test
    void theAdminRouteInvokesAnyFunctionAsLambdaInvokeWouldWithTheToken(LocalStack stack) {
        FrontEnd operator = new FrontEnd(stack);
        String redrive = "{\"redrive\":\"failed\"}";

        JsonNode result = json(operator.post("/_local/functions/ReconcileFunction/invoke", redrive), 200);
        HttpResponse<String> anonymous = operator.send(operator.request("/_local/functions/ReconcileFunction/invoke")
                .POST(HttpRequest.BodyPublishers.ofString(redrive)).build());
        HttpResponse<String> unknown = operator.post("/_local/functions/NoSuchFunction/invoke", "{}");
        HttpResponse<String> failing = operator.post("/_local/functions/ArchiveFunction/invoke", "{\"Records\": \"not a list\"}");

        assertTrue(result.has("redriven"), result.toString());
        assertEquals(401, anonymous.statusCode());
        assertEquals(404, unknown.statusCode());
        assertEquals(200, failing.statusCode());
        assertEquals("Unhandled", failing.headers().firstValue("X-Amz-Function-Error").orElse(""));
        assertTrue(Json.parse(failing.body()).has("errorMessage"), failing.body());
    }

    static String callbackId(LocalStack stack, String goApiReference) {
        return Components.fromEnvironment(stack.aws().functionEnvironment("WebhookReceiptFunction", Map.of()))
                .goRequestTable().find(goApiReference).orElseThrow().callbackId();
    }

    static CallbackTokens tokens(LocalStack stack) {
        String signingKey = stack.aws().secretFields("CallbackKeySecret").get("signingKey");
        String webhookToken = stack.aws().secretFields(LocalStack.WEBHOOK_TOKEN_SECRET).get("webhookToken");
        return new CallbackTokens(() -> new CallbackKeys(signingKey), () -> new WebhookToken(webhookToken),
                new SecureRandom());
    }
}
