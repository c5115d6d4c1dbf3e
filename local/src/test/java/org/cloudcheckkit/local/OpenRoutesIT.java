package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Through ./run's local API, as anyone on the internet could call the open routes: a callback URL issued for one
 * request does not move another; bad input is a 4xx naming what is wrong, never a 500; and a front end cannot have
 * Cloudcheck send its customers to a host nobody allowed.
 */
@ExtendWith(SharedLocalStack.class)
class OpenRoutesIT {

    @Test
    void aCallbackUrlOfOneRequestNamingAnotherRequestsRecipientIsRefusedAndCostsNothing(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        CloudcheckSandbox sandbox = stack.sandbox().orElseThrow();
        JsonNode mine = json(frontEnd.post("/go/requests", FrontEnd.sampleBody("go-create.json"), UUID.randomUUID().toString()), 201);
        JsonNode other = json(frontEnd.post("/go/requests", FrontEnd.sampleBody("go-create.json"), UUID.randomUUID().toString()), 201);
        String callbackId = HttpApiIT.callbackId(stack, mine.get("goApiReference").asText());
        long fetches = sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count();

        HttpResponse<String> moved = frontEnd.send(frontEnd.request("/callbacks/go?cid=" + callbackId + "&t="
                + HttpApiIT.tokens(stack).tokenFor(CallbackKind.GO, callbackId) + "&goApiReference="
                + mine.get("goApiReference").asText() + "&recipientToken="
                + other.get("recipients").get(0).get("recipientToken").asText() + "&status=Responded").GET().build());

        assertEquals(403, moved.statusCode(), moved.body());
        assertEquals(fetches, sandbox.calls().stream().filter(call -> call.path().equals("/go/result/")).count());
    }

    @Test
    void badInputOnAnOpenRouteIsA4xxNamingItNeverA500(LocalStack stack) {
        FrontEnd anyone = new FrontEnd(stack);

        HttpResponse<String> badEscape = anyone.send(anyone.request("/callbacks/go?cid=x&t=1.y")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("goApiReference=%zz&status=Sent")).build());
        int badQueryEscape = rawStatus(stack, "GET /callbacks/go?cid=%zz&t=%&status=Sent HTTP/1.1");
        HttpResponse<String> brokenJson = anyone.send(anyone.request("/webhooks/cloudcheck?t=x")
                .POST(HttpRequest.BodyPublishers.ofString("{\"requestType\":")).build());
        HttpResponse<String> tooLarge = anyone.send(anyone.request("/verification/initiate-verification")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(11 * 1024 * 1024))).build());
        HttpResponse<String> oddMethod = anyone.send(anyone.request("/callbacks/go").method("PATCH",
                HttpRequest.BodyPublishers.noBody()).build());

        for (HttpResponse<String> answer : List.of(badEscape, brokenJson, tooLarge, oddMethod)) {
            assertEquals(4, answer.statusCode() / 100, answer.request().uri() + ": " + answer.statusCode() + " " + answer.body());
        }
        assertEquals(4, badQueryEscape / 100, "a query no URI library would send: " + badQueryEscape);
    }

    /** The status line's code for a request line sent as is, bytes on a socket: clients refuse to send such URLs. */
    private static int rawStatus(LocalStack stack, String requestLine) {
        try (Socket socket = new Socket(stack.apiUrl().getHost(), stack.apiUrl().getPort())) {
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return Integer.parseInt(status.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aCompleteUrlOnAHostNobodyAllowedIsRefusedBeforeAnythingIsCreated(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        CloudcheckSandbox sandbox = stack.sandbox().orElseThrow();
        long creates = sandbox.successfulCalls("/go/create/");
        String body = FrontEnd.sampleBody("go-create.json").replace("https://app.example.nz/verified", "https://evil.example/x");

        JsonNode refused = json(frontEnd.post("/go/requests", body, UUID.randomUUID().toString()), 400);
        json(frontEnd.post("/go/requests", FrontEnd.sampleBody("go-create.json")
                .replace("https://app.example.nz/verified", "http://localhost:5173/done"), UUID.randomUUID().toString()), 201);

        assertEquals("REDIRECT_NOT_ALLOWED", refused.path("error").path("problems").get(0).path("rule").asText());
        assertEquals(creates + 1, sandbox.successfulCalls("/go/create/"), "only the one to localhost, allowed locally");
    }

    @Test
    void repeatedAccountWebhooksWithinFiveMinutesAreOneEvent(LocalStack stack) throws InterruptedException {
        FrontEnd frontEnd = new FrontEnd(stack);
        String token = json(frontEnd.post("/akahu/sessions", FrontEnd.sampleBody("akahu-initiate.json"),
                UUID.randomUUID().toString()), 201).get("token").asText();
        String webhook = "/webhooks/cloudcheck?t=" + stack.aws().secretFields(LocalStack.WEBHOOK_TOKEN_SECRET)
                .get("webhookToken");
        long intoWindow = Instant.now().getEpochSecond() % 300;
        if (intoWindow > 290) {
            // Not across a window's edge: the five must fall in one window, as they would within seconds.
            Thread.sleep((301 - intoWindow) * 1000);
        }
        for (int repeat = 0; repeat < 5; repeat++) {
            json(frontEnd.send(frontEnd.request(webhook).POST(HttpRequest.BodyPublishers.ofString(
                    "{\"requestType\":\"AKAHU\",\"eventType\":\"STATUS_CHANGE\",\"reference\":\"" + token + "\"}")).build()), 200);
            Thread.sleep(300);
        }

        String callbackId = Components.fromEnvironment(stack.aws().functionEnvironment("WebhookReceiptFunction", Map.of()))
                .akahuSessions().findByToken(token).orElseThrow().callbackId();
        int events = stack.aws().dynamoDb().query(r -> r.tableName(stack.aws().physicalName("Table"))
                .keyConditionExpression("pk = :pk AND begins_with(sk, :events)").expressionAttributeValues(Map.of(
                        ":pk", AttributeValue.fromS("AKAHU#" + callbackId), ":events", AttributeValue.fromS("EVENT#"))))
                .count();
        assertEquals(1, events, "five alike, across seconds, are one event: one fetch");
    }
}
