package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 001's account webhook: the configured URL receives {requestType, eventType, reference}. */
class AccountWebhookTest {

    private static final CallbackReceiver RECEIVER = new CallbackReceiver();

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withConfig(SandboxConfig.builder()
            .accountWebhookUrl(URI.create(RECEIVER.url("/cloudcheck/webhook")))
            .build());

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void postsTheDocumentedPayload() {
        sandbox.sandbox().sendAccountWebhook("VERIFICATION", "PEP_MATCH_REVIEW", "6e1c79ba-c9c0-4f74-b3d4-bdb3e0d85be2");
        sandbox.sandbox().sendAccountWebhook("WATCHLIST_MONITORING", "PEP_MATCH_REVIEW", "assoc-1,match-2");

        List<CallbackReceiver.Received> calls = RECEIVER.await(2);

        assertEquals("POST", calls.get(0).method());
        assertEquals("/cloudcheck/webhook", calls.get(0).uri().getPath());
        assertEquals("{\"requestType\":\"VERIFICATION\",\"eventType\":\"PEP_MATCH_REVIEW\","
                + "\"reference\":\"6e1c79ba-c9c0-4f74-b3d4-bdb3e0d85be2\"}", calls.get(0).body());
        assertEquals("{\"requestType\":\"WATCHLIST_MONITORING\",\"eventType\":\"PEP_MATCH_REVIEW\","
                + "\"reference\":\"assoc-1,match-2\"}", calls.get(1).body());
    }

    @Test
    void anAkahuReviewIsReportedToTheAccountWebhook() {
        ApiClient client = ApiClient.forAllServicesKey(sandbox.sandbox());
        String token = client.postOk("/akahu/initiate/", TestData.object().put("callback", "https://app.example.nz/cb"))
                .path("token").asText();
        sandbox.sandbox().completeAkahu(token, AkahuStatus.COMPLETE);

        client.postOk("/akahu/review/", TestData.object().put("akahuToken", token).put("reviewDecision", "APPROVED"));

        assertEquals("{\"requestType\":\"AKAHU\",\"eventType\":\"REVIEW\",\"reference\":\"" + token + "\"}",
                RECEIVER.await(1).get(0).body());
    }

    @Test
    void refusesUnknownTypesAndAMissingUrl() {
        assertThrows(IllegalArgumentException.class,
                () -> sandbox.sandbox().sendAccountWebhook("PASSPORT", "REVIEW", "r"));
        assertThrows(IllegalArgumentException.class,
                () -> sandbox.sandbox().sendAccountWebhook("IDSCAN", "DELETED", "r"));

        sandbox.sandbox().accountWebhookUrl(null);

        assertThrows(IllegalStateException.class,
                () -> sandbox.sandbox().sendAccountWebhook("IDSCAN", "REVIEW", "r"));
    }
}
