package org.cloudcheckkit.local;

import static org.cloudcheckkit.local.FrontEnd.json;
import static org.cloudcheckkit.local.FrontEnd.sampleBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.callback.CallbackDelivery;
import org.cloudcheckkit.sandbox.callback.CallbackKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Akahu, end to end: a session started, finished by the customer, archived, and reviewed. */
@ExtendWith(SharedLocalStack.class)
class AkahuFlowIT {

    @Test
    void aFinishedSessionIsArchivedAndItsReviewReachesCloudcheckAndComesBackAsAnAccountWebhook(LocalStack stack) {
        FrontEnd frontEnd = new FrontEnd(stack);
        CloudcheckSandbox cloudcheck = stack.sandbox().orElseThrow();
        JsonNode session = json(frontEnd.post("/akahu/sessions", sampleBody("akahu-initiate.json")), 201);
        String token = session.path("token").asText();
        assertTrue(session.path("url").asText().startsWith(cloudcheck.baseUrl()), "the customer is sent to the sandbox's journey");

        cloudcheck.completeAkahu(token, AkahuStatus.PASS);
        JsonNode link = GoFlowIT.archivedPdfLink(frontEnd, "/akahu/sessions/" + token + "/pdf");
        byte[] pdf = frontEnd.download(link.path("url").asText());
        assertEquals(link.path("sha256").asText(), Archive.sha256(pdf));
        assertTrue(Archive.latin1(pdf).startsWith("%PDF-"));
        assertEquals("Pass", json(frontEnd.get("/akahu/sessions/" + token), 200).path("status").asText());

        JsonNode reviewed = json(frontEnd.post("/akahu/sessions/" + token + "/review", sampleBody("akahu-review.json")), 200);

        assertEquals("SUCCESS", reviewed.path("result").asText(), reviewed.toString());
        assertTrue(cloudcheck.awaitCallbacks(Duration.ofSeconds(10)));
        List<CallbackDelivery> webhooks = cloudcheck.callbackDeliveries().stream()
                .filter(delivery -> delivery.kind() == CallbackKind.ACCOUNT_WEBHOOK && delivery.body().contains(token)).toList();
        assertEquals(1, webhooks.size(), "the review is reported to the account webhook URL");
        assertEquals(200, webhooks.get(0).status(), "which the API accepts with the webhook token from its secret: " + webhooks.get(0));
    }

    @Test
    void aSessionThisServiceDidNotStartIsNotFound(LocalStack stack) {
        JsonNode answer = json(new FrontEnd(stack).get("/akahu/sessions/not-a-session"), 404);

        assertEquals("AKAHU_SESSION_NOT_FOUND", answer.path("error").path("code").asText(), answer.toString());
    }
}
