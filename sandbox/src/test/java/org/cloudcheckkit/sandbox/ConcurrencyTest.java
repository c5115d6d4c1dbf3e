package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cloudcheckkit.sandbox.api.FormParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients at once: every call answered, every callback delivered, each recipient's in order. */
class ConcurrencyTest {

    private static final int REQUESTS = 200;

    @RegisterExtension
    static CloudcheckSandboxExtension sandbox = CloudcheckSandboxExtension.withDefaults();

    private final CallbackReceiver receiver = new CallbackReceiver();

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void handlesHundredsOfConcurrentCallsAndTheirCallbacks() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            List<Future<Integer>> sends = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                String reference = "cust-" + i;
                sends.add(clients.submit(() -> {
                    ApiClient client = ApiClient.forDefaultKey(sandbox.sandbox());
                    JsonNode created = client.postOk("/go/create/", TestData.createRequest(TestData.recipient(reference))
                            .put("notificationUrl", receiver.url("/n")));
                    return client.post("/go/send/", TestData.object()
                            .put("goApiReference", created.path("goApiReference").asText())).status();
                }));
            }
            for (Future<Integer> send : sends) {
                assertEquals(200, send.get());
            }
        } finally {
            clients.shutdownNow();
        }

        List<CallbackReceiver.Received> callbacks = receiver.await(2 * REQUESTS);

        assertEquals(REQUESTS, sandbox.sandbox().successfulCalls("/go/create/"));
        assertEquals(REQUESTS, sandbox.sandbox().successfulCalls("/go/send/"));
        Map<String, List<String>> statusesByRecipient = new LinkedHashMap<>();
        for (CallbackReceiver.Received callback : callbacks) {
            Map<String, String> query = FormParameters.parse(callback.uri().getRawQuery()).asMap();
            statusesByRecipient.computeIfAbsent(query.get("recipientToken"), token -> new ArrayList<>())
                    .add(query.get("status"));
        }
        assertEquals(REQUESTS, statusesByRecipient.size());
        statusesByRecipient.values().forEach(statuses -> assertEquals(List.of("Sent", "Delivered"), statuses));
    }
}
