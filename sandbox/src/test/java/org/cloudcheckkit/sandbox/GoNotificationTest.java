package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.sandbox.api.FormParameters;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 000's notificationUrl: called on every status change, with goApiReference, recipientToken and status. */
class GoNotificationTest {

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private final CallbackReceiver receiver = new CallbackReceiver();
    private ApiClient client;
    private String goApiReference;
    private String token;

    @BeforeEach
    void createRequestWithNotifications() {
        client = ApiClient.forDefaultKey(sandbox.sandbox());
        JsonNode created = client.postOk("/go/create/", TestData.createRequest(TestData.recipient("cust-1"))
                .put("notificationUrl", receiver.url("/hooks/go?tenant=t1"))
                .put("completeUrl", "https://app.example.nz/done?step=2"));
        goApiReference = created.path("goApiReference").asText();
        token = created.path("recipients").path(0).path("recipientToken").asText();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void notifiesEveryStepFromSendToResponse() {
        client.postOk("/go/send/", TestData.object().put("goApiReference", goApiReference));
        sandbox.sandbox().completeRecipient(token, VerificationOutcome.PASS);

        List<CallbackReceiver.Received> calls = receiver.await(5);

        assertEquals(List.of("Sent", "Delivered", "Opened", "Clicked", "Responded"),
                calls.stream().map(call -> query(call).get("status")).toList());
        for (CallbackReceiver.Received call : calls) {
            assertEquals("GET", call.method());
            assertEquals("/hooks/go", call.uri().getPath());
            Map<String, String> query = query(call);
            assertEquals("t1", query.get("tenant"));
            assertEquals(goApiReference, query.get("goApiReference"));
            assertEquals(token, query.get("recipientToken"));
        }
    }

    @Test
    void aNewTokenAfterAnEditIsNotifiedAsNotSent() {
        client.postOk("/go/send/", TestData.object().put("goApiReference", goApiReference));
        receiver.await(2);

        String newToken = client.postOk("/go/edit-recipient/", TestData.object()
                        .put("goApiReference", goApiReference).put("recipientToken", token)
                        .set("recipient", TestData.recipient("cust-1").put("emailAddress", "other@example.nz")))
                .path("recipientToken").asText();

        Map<String, String> notification = query(receiver.await(1).get(0));
        assertEquals(newToken, notification.get("recipientToken"));
        assertEquals("Not Sent", notification.get("status"));
    }

    @Test
    void anySetStatusIsNotified() {
        sandbox.sandbox().setRecipientStatus(token, RecipientStatus.BOUNCED);
        sandbox.sandbox().setRecipientStatus(token, RecipientStatus.EXPIRED);

        assertEquals(List.of("Bounced", "Expired"),
                receiver.await(2).stream().map(call -> query(call).get("status")).toList());
    }

    @Test
    void theJourneyPageLetsAPersonFinishTheVerification() throws Exception {
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI link = URI.create(client.getOk("/go/results/", "goApiReference", goApiReference)
                .path("recipients").path(0).path("link").asText());

        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> finished = browser.send(HttpRequest.newBuilder(link)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("outcome=FAIL")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = browser.send(HttpRequest.newBuilder(link).build(),
                HttpResponse.BodyHandlers.ofString());

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("cust-1"));
        assertTrue(page.body().contains("value=\"PASS\""));
        assertEquals(303, finished.statusCode());
        assertEquals("https://app.example.nz/done?step=2&token=" + token,
                finished.headers().firstValue("Location").orElseThrow());
        assertTrue(again.body().contains("has finished"));
        assertEquals(List.of("Opened", "Clicked", "Responded"),
                receiver.await(3).stream().map(call -> query(call).get("status")).toList());
        assertEquals("FAIL", client.getOk("/go/result/", "token", token).path("verification").path("outcome").asText());
    }

    private static Map<String, String> query(CallbackReceiver.Received call) {
        return FormParameters.parse(call.uri().getRawQuery()).asMap();
    }
}
