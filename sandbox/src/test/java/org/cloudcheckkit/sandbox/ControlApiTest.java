package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The control API over HTTP, as the README's curl examples use it. */
class ControlApiTest {

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private final CallbackReceiver receiver = new CallbackReceiver();
    private ApiClient client;
    private ApiClient allServices;

    @BeforeEach
    void connect() {
        client = ApiClient.forDefaultKey(sandbox.sandbox());
        allServices = ApiClient.forAllServicesKey(sandbox.sandbox());
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void completesAndSetsRecipientsWithNotifications() {
        JsonNode created = client.postOk("/go/create/", TestData.createRequest(TestData.recipient("a"))
                .put("notificationUrl", receiver.url("/n")));
        String token = created.path("recipients").path(0).path("recipientToken").asText();

        ApiResponse completed = control("POST", "/_sandbox/go/recipients/" + token + "/complete", "{\"outcome\":\"pass\"}");
        ApiResponse again = control("POST", "/_sandbox/go/recipients/" + token + "/complete", "{\"outcome\":\"FAIL\"}");
        ApiResponse status = control("POST", "/_sandbox/go/recipients/" + token + "/status", "{\"status\":\"Expired\"}");
        ApiResponse unknown = control("POST", "/_sandbox/go/recipients/nope/complete", "{\"outcome\":\"PASS\"}");
        ApiResponse badOutcome = control("POST", "/_sandbox/go/recipients/" + token + "/complete",
                "{\"outcome\":\"PENDING\"}");
        ApiResponse view = control("GET", "/_sandbox/go/recipients/" + token, null);

        assertEquals(200, completed.status());
        assertEquals("Responded", completed.json().path("status").asText());
        assertEquals("PASS", completed.json().path("outcome").asText());
        assertEquals(409, again.status());
        assertEquals("Expired", status.json().path("status").asText());
        assertEquals(404, unknown.status());
        assertEquals(400, badOutcome.status());
        assertEquals("Expired", view.json().path("status").asText());
        assertEquals(4, receiver.await(4).size());
    }

    @Test
    void completesAkahuJourneysWithAnyStatus() {
        String token = allServices.postOk("/akahu/initiate/", TestData.object().put("callback", "https://x.example/cb"))
                .path("token").asText();

        ApiResponse completed = control("POST", "/_sandbox/akahu/" + token + "/complete", "{\"status\":\"Timed out\"}");
        ApiResponse twice = control("POST", "/_sandbox/akahu/" + token + "/complete", "{\"status\":\"Pass\"}");

        assertEquals("Timed out", completed.json().path("status").asText());
        assertEquals(409, twice.status());
        assertEquals("Timed out", allServices.getOk("/akahu/result/", "token", token).path("status").asText());
    }

    @Test
    void advancesOnlyTheSimulationClock() {
        Instant before = Instant.parse(control("GET", "/_sandbox/clock", null).json().path("simulationTime").asText());

        JsonNode clock = control("POST", "/_sandbox/clock/advance", "{\"duration\":\"7d\"}").json();

        Instant after = Instant.parse(clock.path("simulationTime").asText());
        assertTrue(Duration.between(before, after).compareTo(Duration.ofDays(7)) >= 0);
        assertEquals("PT168H", clock.path("offset").asText());
        assertEquals(105, client.get("/go/results/", "goApiReference", "x").error(),
                "a client with a real clock still authenticates");
        assertEquals(400, control("POST", "/_sandbox/clock/advance", "{\"duration\":\"-5m\"}").status());
    }

    @Test
    void injectsApiAndCallbackFaults() {
        control("POST", "/_sandbox/settings", "{\"accountWebhookUrl\":\"" + receiver.url("/account") + "\"}");

        ApiResponse fault = control("POST", "/_sandbox/faults",
                "{\"path\":\"/go/create/\",\"count\":1,\"fault\":\"ERROR_113\"}");
        ApiResponse timeout = control("POST", "/_sandbox/faults",
                "{\"path\":\"/go/results/\",\"fault\":\"TIMEOUT\",\"delay\":\"150ms\"}");
        ApiResponse callbackFault = control("POST", "/_sandbox/callback-faults",
                "{\"fault\":\"DUPLICATE\",\"count\":1,\"copies\":2}");
        ApiResponse unknownFault = control("POST", "/_sandbox/faults", "{\"path\":\"/go/create/\",\"fault\":\"OOPS\"}");
        control("POST", "/_sandbox/account-webhooks",
                "{\"requestType\":\"IDSCAN\",\"eventType\":\"REVIEW\",\"reference\":\"scan-1\"}");

        assertEquals(200, fault.status());
        assertEquals(200, timeout.status());
        assertEquals(200, callbackFault.status());
        assertEquals(400, unknownFault.status());
        assertEquals(113, client.post("/go/create/", TestData.createRequest(TestData.recipient("a"))).error());
        long start = System.nanoTime();
        assertEquals(105, client.get("/go/results/", "goApiReference", "x").error());
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(150).toNanos());
        assertEquals(2, receiver.await(2).size());
    }

    @Test
    void listsCallsAndCallbackDeliveries() {
        control("POST", "/_sandbox/settings", "{\"accountWebhookUrl\":\"" + receiver.url("/account") + "\"}");
        client.post("/go/create/", TestData.createRequest(TestData.recipient("a")));
        client.get("/go/results/", "goApiReference", "x");
        sandbox.sandbox().sendAccountWebhook("CREDFIN", "REVIEW", "c-1");
        receiver.await(1);
        sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(5));

        JsonNode calls = control("GET", "/_sandbox/calls", null).json();
        JsonNode creates = control("GET", "/_sandbox/calls?path=/go/create/", null).json();
        JsonNode callbacks = control("GET", "/_sandbox/callbacks", null).json();

        assertEquals(2, calls.size());
        assertEquals(105, calls.path(1).path("error").asInt());
        assertEquals("sandbox-key", calls.path(0).path("key").asText());
        assertEquals(1, creates.size());
        assertEquals(200, creates.path(0).path("httpStatus").asInt());
        assertEquals("ACCOUNT_WEBHOOK", callbacks.path(0).path("kind").asText());
        assertEquals(receiver.url("/account"), callbacks.path(0).path("url").asText());
        assertEquals(200, callbacks.path(0).path("status").asInt());
    }

    @Test
    void settingsChangeAndResetRestoresThem() {
        JsonNode changed = control("POST", "/_sandbox/settings",
                "{\"pdfPaddingBytes\":2048,\"pdfJobDelay\":\"PT10S\"}").json();
        String token = client.postOk("/go/create/", TestData.createRequest(TestData.recipient("a")))
                .path("recipients").path(0).path("recipientToken").asText();

        JsonNode reset = control("POST", "/_sandbox/reset", null).json();

        assertEquals(2048, changed.path("pdfPaddingBytes").asLong());
        assertEquals("PT10S", changed.path("pdfJobDelay").asText());
        assertEquals("sandbox-key", changed.path("apiKeys").path(0).path("key").asText());
        assertFalse(changed.toString().contains("sandbox-secret"), "secrets are never shown");
        assertEquals(0, reset.path("pdfPaddingBytes").asLong());
        assertEquals("PT2S", reset.path("pdfJobDelay").asText());
        assertEquals(105, client.get("/go/result/", "token", token).error());
        assertEquals(1, sandbox.sandbox().calls().size(), "only the call made after the reset");
    }

    @Test
    void answersClearlyWhenUsedWrongly() {
        assertEquals(404, control("GET", "/_sandbox/nothing-here", null).status());
        assertEquals(405, control("GET", "/_sandbox/reset", null).status());
        assertEquals(400, control("POST", "/_sandbox/clock/advance", "{not json").status());
        assertEquals(400, control("POST", "/_sandbox/clock/advance", "{}").status());
    }

    private ApiResponse control(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return client.exchange(request.build());
    }
}
