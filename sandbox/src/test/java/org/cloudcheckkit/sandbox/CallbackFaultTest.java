package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.cloudcheckkit.sandbox.callback.CallbackDelivery;
import org.cloudcheckkit.sandbox.callback.CallbackFault;
import org.cloudcheckkit.sandbox.callback.CallbackKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Callback delivery: one attempt each, recorded, never blocking the API; and the injected callback faults. */
class CallbackFaultTest {

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private final CallbackReceiver receiver = new CallbackReceiver();

    @BeforeEach
    void pointWebhooksAtTheReceiver() {
        sandbox.sandbox().accountWebhookUrl(URI.create(receiver.url("/account")));
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void dropLosesTheNextCallbacksButRecordsThem() {
        sandbox.sandbox().failNextCallbacks(CallbackFault.drop(1));

        send("1", "2");

        assertEquals(List.of("2"), references(receiver.await(1)));
        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(5)));
        List<CallbackDelivery> deliveries = sandbox.sandbox().callbackDeliveries();
        assertEquals("DROP", deliveries.get(0).fault());
        assertEquals(0, deliveries.get(0).status());
        assertTrue(deliveries.get(0).body().contains("\"1\""));
        assertEquals(200, deliveries.get(1).status());
        assertEquals(1, receiver.all().size());
    }

    @Test
    void duplicateDeliversCopies() {
        sandbox.sandbox().failNextCallbacks(CallbackFault.duplicate(1, 3));

        send("1", "2");

        assertEquals(List.of("1", "1", "1", "2"), references(receiver.await(4)));
    }

    @Test
    void delayLetsLaterCallbacksOvertake() {
        sandbox.sandbox().failNextCallbacks(CallbackFault.delay(1, Duration.ofMillis(300)));

        send("1", "2");

        assertEquals(List.of("2", "1"), references(receiver.await(2)));
    }

    @Test
    void reorderHoldsAGroupAndDeliversItNewestFirst() {
        sandbox.sandbox().failNextCallbacks(CallbackFault.reorder(3));

        send("1", "2", "3", "4");

        assertEquals(List.of("3", "2", "1", "4"), references(receiver.await(4)));
    }

    @Test
    void faultsApplyInTheOrderTheyWereAdded() {
        sandbox.sandbox().failNextCallbacks(CallbackFault.drop(2));
        sandbox.sandbox().failNextCallbacks(CallbackFault.duplicate(1, 2));

        send("1", "2", "3", "4");

        assertEquals(List.of("3", "3", "4"), references(receiver.await(3)));
    }

    @Test
    void aFailingTargetIsRecordedAndNotRetried() throws Exception {
        receiver.answer(503);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        send("1");
        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(5)));
        sandbox.sandbox().accountWebhookUrl(URI.create("http://127.0.0.1:" + closedPort + "/gone"));
        send("2");
        assertTrue(sandbox.sandbox().awaitCallbacks(Duration.ofSeconds(5)));

        List<CallbackDelivery> deliveries = sandbox.sandbox().callbackDeliveries();
        assertEquals(2, deliveries.size());
        assertEquals(503, deliveries.get(0).status());
        assertNull(deliveries.get(0).error());
        assertEquals(CallbackKind.ACCOUNT_WEBHOOK, deliveries.get(0).kind());
        assertEquals(0, deliveries.get(1).status());
        assertTrue(deliveries.get(1).error().contains("ConnectException"), deliveries.get(1)::toString);
        assertEquals(1, receiver.all().size());
    }

    @Test
    void aSlowTargetDoesNotSlowTheApi() {
        receiver.answerAfter(Duration.ofSeconds(2));
        ApiClient client = ApiClient.forDefaultKey(sandbox.sandbox());
        String reference = client.postOk("/go/create/", TestData.createRequest(TestData.recipient("a"))
                .put("notificationUrl", receiver.url("/slow"))).path("goApiReference").asText();

        long start = System.nanoTime();
        client.postOk("/go/send/", TestData.object().put("goApiReference", reference));
        client.getOk("/go/results/", "goApiReference", reference);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "API calls took " + took);
        assertEquals(1, receiver.await(1).size());
    }

    private static void send(String... references) {
        for (String reference : references) {
            sandbox.sandbox().sendAccountWebhook("VERIFICATION", "PEP_MATCH_REVIEW", reference);
        }
    }

    private static List<String> references(List<CallbackReceiver.Received> calls) {
        return calls.stream()
                .map(call -> call.body().replaceAll(".*\"reference\":\"([^\"]*)\".*", "$1"))
                .toList();
    }
}
