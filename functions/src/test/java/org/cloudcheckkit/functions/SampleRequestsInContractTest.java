package org.cloudcheckkit.functions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cloudcheckkit.contract.ApiContract;
import org.junit.jupiter.api.Test;

/** The sample requests in events/ are what the document says a caller may send, so its examples are callable. */
class SampleRequestsInContractTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ApiContract contract = ApiContract.ofRepository();

    @Test
    void everySampleHttpRequestBodyIsOneTheDocumentAccepts() throws IOException {
        List<String> violations = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> events = Files.list(SampleEvents.eventsDirectory())) {
            // A sample named -invalid is bad input on purpose: the handler tests show it refused.
            for (Path file : events.filter(path -> path.toString().endsWith(".json"))
                    .filter(path -> !path.getFileName().toString().contains("-invalid")).sorted().toList()) {
                JsonNode event = JSON.readTree(file.toFile());
                if (!event.hasNonNull("routeKey") || event.path("body").asText("").isEmpty()
                        || !event.path("headers").path("content-type").asText("").startsWith("application/json")) {
                    continue;
                }
                String[] route = event.get("routeKey").asText().split(" ", 2);
                checked++;
                contract.requestViolations(route[0], route[1], "application/json", event.get("body").asText())
                        .forEach(violation -> violations.add(file.getFileName() + ": " + violation));
            }
        }
        assertTrue(checked >= 8, "only " + checked + " sample bodies found");
        assertEquals(List.of(), violations);
    }

    @Test
    void aSampleBodyMissingWhatTheDocumentRequiresIsRefusedByTheCheck() throws IOException {
        JsonNode event = JSON.readTree(SampleEvents.eventsDirectory().resolve("go-create.json").toFile());
        assertFalse(contract.requestViolations("POST", "/go/requests", "application/json", "{\"recipients\": 7}")
                .isEmpty(), "a create whose recipients is not a list must be out of contract");
        assertEquals(List.of(), contract.requestViolations("POST", "/go/requests", "application/json",
                event.get("body").asText()));
    }
}
