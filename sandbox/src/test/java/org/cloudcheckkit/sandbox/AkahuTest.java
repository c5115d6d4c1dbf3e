package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 002: initiate, the customer's journey, notifications, expiry after 20 minutes, disposal after 7 days. */
class AkahuTest {

    private static final String WEBHOOK_BODY = "{\"requestType\":\"AKAHU\",\"eventType\":\"STATUS_CHANGE\","
            + "\"reference\":\"%s\"}";

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private final CallbackReceiver receiver = new CallbackReceiver();
    private ApiClient client;

    @BeforeEach
    void connect() {
        client = ApiClient.forAllServicesKey(sandbox.sandbox());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void initiateNeedsAnHttpCallbackAndAkahuEnabled() {
        assertEquals("callback", client.post("/akahu/initiate/", TestData.object().put("reference", "r"))
                .json().path("fields").asText());
        ApiResponse badCallback = client.post("/akahu/initiate/", TestData.object().put("callback", "app.example.nz"));
        ApiResponse badWebhook = client.post("/akahu/initiate/", initiate().put("webhookUrl", "mailto:x@example.nz"));
        ApiResponse notEnabled = ApiClient.forDefaultKey(sandbox.sandbox()).post("/akahu/initiate/", initiate());

        assertEquals(107, badCallback.error());
        assertEquals("callback", badCallback.json().path("fields").asText());
        assertEquals("webhookUrl", badWebhook.json().path("fields").asText());
        assertEquals(403, notEnabled.status());
        assertEquals(108, notEnabled.error());
    }

    @Test
    void theCustomerFinishesAndEveryoneIsTold() throws Exception {
        JsonNode initiated = client.postOk("/akahu/initiate/", initiate());
        String token = initiated.path("token").asText();
        JsonNode pending = client.getOk("/akahu/result/", "token", token);

        HttpResponse<Void> redirect = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(initiated.path("url").asText()))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("status=Pass")).build(),
                HttpResponse.BodyHandlers.discarding());
        JsonNode passed = client.getOk("/akahu/result/", "token", token);
        ApiResponse pdf = client.get("/akahu/pdf/", "token", token);

        assertEquals("Pending", pending.path("status").asText());
        assertFalse(pending.path("validated").path("name").asBoolean());
        assertFalse(pending.has("akahuDetails"));
        assertEquals(303, redirect.statusCode());
        assertEquals("https://app.example.nz/akahu-done?token=" + token + "&akahuReference="
                + passed.path("akahuReference").asText(), redirect.headers().firstValue("Location").orElseThrow());
        assertEquals("Pass", passed.path("status").asText());
        assertEquals("kyc-7", passed.path("reference").asText());
        assertTrue(passed.path("validated").path("name").asBoolean());
        assertTrue(passed.path("validated").path("address").asBoolean());
        assertEquals("Citizen", passed.path("details").path("name").path("family").asText());
        assertEquals("Jane Citizen", passed.path("akahuDetails").path("accounts").path(0).path("holder").asText());
        assertTrue(PdfStructure.check(pdf.body()).shownText().contains("Status: Pass"));

        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(10)));
        List<CallbackReceiver.Received> calls = receiver.all();
        assertEquals(2, calls.size(), calls::toString);
        assertEquals("GET", calls.get(0).method());
        assertEquals("/notify?id=42", calls.get(0).uri().toString());
        assertWebhook(calls.get(1), token);
    }

    @Test
    void notificationUrlOnceButWebhookOnEveryChange() {
        String token = client.postOk("/akahu/initiate/", initiate()).path("token").asText();

        sandbox.sandbox().completeAkahu(token, AkahuStatus.USER_DECLINED);
        client.postOk("/akahu/review/", TestData.object().put("akahuToken", token).put("reviewDecision", "REJECTED")
                .put("notes", "declined twice"));
        client.postOk("/akahu/review/", TestData.object().put("akahuToken", token).put("reviewDecision", "APPROVED"));

        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(10)));
        List<CallbackReceiver.Received> calls = receiver.all();
        assertEquals(1, calls.stream().filter(call -> call.uri().getPath().equals("/notify")).count());
        List<CallbackReceiver.Received> webhooks = calls.stream()
                .filter(call -> call.uri().getPath().equals("/webhook")).toList();
        assertEquals(3, webhooks.size());
        webhooks.forEach(webhook -> assertWebhook(webhook, token));
        JsonNode result = client.getOk("/akahu/result/", "token", token);
        assertEquals("User declined", result.path("status").asText());
        assertEquals("APPROVED", result.path("review").path("decision").asText());
        assertFalse(result.has("akahuDetails"));
    }

    @Test
    void aPendingJourneyExpiresAfterTwentyMinutes() {
        String token = client.postOk("/akahu/initiate/", initiate()).path("token").asText();

        sandbox.sandbox().advanceClock(Duration.ofMinutes(19));
        String before = client.getOk("/akahu/result/", "token", token).path("status").asText();
        sandbox.sandbox().advanceClock(Duration.ofMinutes(1));

        assertEquals("Pending", before);
        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(10)));
        List<CallbackReceiver.Received> calls = receiver.all();
        assertEquals(1, calls.size(), "only the webhook: the customer did not finish");
        assertWebhook(calls.get(0), token);
        assertEquals("Expired", client.getOk("/akahu/result/", "token", token).path("status").asText());
    }

    @Test
    void detailsAreDisposedOfSevenDaysAfterCompletion() {
        String token = client.postOk("/akahu/initiate/", initiate()).path("token").asText();
        sandbox.sandbox().completeAkahu(token, AkahuStatus.PASS);

        sandbox.sandbox().advanceClock(Duration.ofDays(7).minusMinutes(1));
        JsonNode sixDays = client.getOk("/akahu/result/", "token", token);
        sandbox.sandbox().advanceClock(Duration.ofMinutes(1));
        JsonNode sevenDays = client.getOk("/akahu/result/", "token", token);

        assertTrue(sixDays.has("details"));
        assertTrue(sixDays.has("akahuDetails"));
        assertFalse(sevenDays.has("details"));
        assertFalse(sevenDays.has("akahuDetails"));
        assertEquals("Pass", sevenDays.path("status").asText());
        assertTrue(sevenDays.path("validated").path("name").asBoolean());
        assertEquals(token, sevenDays.path("token").asText());
    }

    @Test
    void reviewChecksTokenDecisionAndState() {
        String token = client.postOk("/akahu/initiate/", initiate()).path("token").asText();

        ApiResponse unknown = client.post("/akahu/review/", TestData.object().put("akahuToken", "nope")
                .put("reviewDecision", "APPROVED"));
        ApiResponse missing = client.post("/akahu/review/", TestData.object());
        ApiResponse pending = client.post("/akahu/review/", TestData.object().put("akahuToken", token)
                .put("reviewDecision", "APPROVED"));
        sandbox.sandbox().completeAkahu(token, AkahuStatus.FAIL);
        ApiResponse badDecision = client.post("/akahu/review/", TestData.object().put("akahuToken", token)
                .put("reviewDecision", "MAYBE"));

        assertEquals(105, unknown.error());
        assertEquals("akahuToken,reviewDecision", missing.json().path("fields").asText());
        assertEquals(107, pending.error());
        assertEquals(107, badDecision.error());
        assertEquals("reviewDecision", badDecision.json().path("fields").asText());
    }

    @Test
    void pdfWaitsForTheCustomer() {
        String token = client.postOk("/akahu/initiate/", initiate()).path("token").asText();

        assertEquals(110, client.get("/akahu/pdf/", "token", token).error());
        assertEquals(105, client.get("/akahu/pdf/", "token", "nope").error());
    }

    private ObjectNode initiate() {
        ObjectNode request = TestData.object()
                .put("callback", "https://app.example.nz/akahu-done")
                .put("reference", "kyc-7")
                .put("notificationUrl", receiver.url("/notify?id=42"))
                .put("webhookUrl", receiver.url("/webhook"));
        request.putObject("name").put("given", "Jane").put("family", "Citizen");
        request.set("address", TestData.recipient("x").path("address"));
        return request;
    }

    private static void assertWebhook(CallbackReceiver.Received call, String token) {
        assertEquals("POST", call.method());
        assertEquals("/webhook", call.uri().getPath());
        assertEquals(String.format(WEBHOOK_BODY, token), call.body());
    }
}
