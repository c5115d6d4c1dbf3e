package org.cloudcheckkit.functions.http;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.config.SnapStartPriming;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.akahu.AkahuResultsHandler;
import org.cloudcheckkit.functions.archive.ArchiveHandler;
import org.cloudcheckkit.functions.archive.DownloadsHandler;
import org.cloudcheckkit.functions.archive.ReconcileHandler;
import org.cloudcheckkit.functions.callbacks.WebhookReceiptHandler;
import org.cloudcheckkit.functions.cardverification.InitiateVerificationHandler;
import org.cloudcheckkit.functions.go.CreateHandler;
import org.cloudcheckkit.functions.go.QuickSendHandler;
import org.cloudcheckkit.functions.go.RecipientsHandler;
import org.cloudcheckkit.functions.go.ResultsHandler;
import org.cloudcheckkit.functions.go.SendHandler;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.localaws.LocalAwsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * SnapStart priming serves each function's own request on its success path, against the in-memory AWS and
 * Cloudcheck: every request is answered with a success, the route's Cloudcheck call is made there, and the function's
 * real table and Cloudcheck are left as they were.
 */
class OwnRequestPrimingTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Each function's own request, and the Cloudcheck paths its success path calls (none for a route that calls none). */
    private record Primed(Function<Components, Runnable> ownRequest, Set<String> cloudcheckPaths) {
    }

    @Test
    void everyFunctionServesItsOwnRequestOnItsSuccessPathInMemoryAndWritesNothing(LocalAws aws) {
        Map<String, Primed> functions = new LinkedHashMap<>();
        functions.put("CreateFunction", new Primed(CreateHandler.OWN_REQUEST, Set.of("/go/create/")));
        functions.put("SendFunction", new Primed(SendHandler.OWN_REQUEST, Set.of("/go/send/")));
        functions.put("QuickSendFunction", new Primed(QuickSendHandler.OWN_REQUEST, Set.of("/go/quicksend/")));
        functions.put("RecipientsFunction", new Primed(RecipientsHandler.OWN_REQUEST, Set.of("/go/add-recipient/")));
        functions.put("ResultsFunction", new Primed(ResultsHandler.OWN_REQUEST, Set.of("/go/results/")));
        functions.put("AkahuInitiateFunction", new Primed(AkahuInitiateHandler.OWN_REQUEST, Set.of("/akahu/initiate/")));
        functions.put("AkahuResultsFunction", new Primed(AkahuResultsHandler.OWN_REQUEST, Set.of("/akahu/result/")));
        functions.put("InitiateVerificationFunction", new Primed(InitiateVerificationHandler.OWN_REQUEST, Set.of()));
        functions.put("WebhookReceiptFunction", new Primed(WebhookReceiptHandler.OWN_REQUEST, Set.of()));
        functions.put("DownloadsFunction", new Primed(DownloadsHandler.OWN_REQUEST, Set.of()));
        functions.put("ArchiveFunction", new Primed(ArchiveHandler.OWN_REQUEST, Set.of("/go/result/")));
        functions.put("ReconcileFunction", new Primed(ReconcileHandler.OWN_REQUEST, Set.of()));
        int before = items(aws);
        List<Executable> checks = new ArrayList<>();
        functions.forEach((function, primed) -> {
            Components components = Components.fromEnvironment(aws.functionEnvironment(function, Map.of()));

            SnapStartPriming.Served served = SnapStartPriming.primeNow(components, primed.ownRequest());

            checks.add(() -> assertEquals(SnapStartPriming.OWN_REQUESTS, served.ownRequests(),
                    function + ": own requests answered with a success; " + served.failure()));
            // The seeding calls are made once; the route's own calls once per request besides.
            checks.add(() -> assertTrue(primed.cloudcheckPaths().stream().allMatch(path ->
                    served.cloudcheckCalls().getOrDefault(path, 0) >= SnapStartPriming.OWN_REQUESTS),
                    function + ": in-memory Cloudcheck calls " + served.cloudcheckCalls()));
            checks.add(() -> assertTrue(served.awsRequests() >= SnapStartPriming.OWN_REQUESTS,
                    function + ": " + served.awsRequests() + " in-memory AWS calls"));
            checks.add(() -> assertEquals(before, items(aws), function + " wrote to the real table while priming"));
        });
        assertAll(checks);
    }

    @Test
    void eachPrimingRequestOfAnIdempotentRouteCarriesAnIdempotencyKeyOfItsOwn(LocalAws aws) throws Exception {
        Components components = Components.fromEnvironment(aws.functionEnvironment("CreateFunction", Map.of()));
        List<String> idempotent = idempotentRoutesEvents();
        assertTrue(idempotent.containsAll(List.of("go-create.json", "go-send.json", "go-quicksend.json",
                "go-add-recipient.json", "akahu-initiate.json")), "priming events of POST routes: " + idempotent);
        for (String event : idempotent) {
            List<String> keys = new ArrayList<>();
            Runnable request = OwnRequests.api(any -> (in, out, context) -> {
                keys.add(JSON.readTree(in).path("headers").path("idempotency-key").asText(null));
                out.write("{\"statusCode\":201}".getBytes(StandardCharsets.UTF_8));
            }, event, (inMemory, text) -> text).apply(components);

            request.run();
            request.run();
            request.run();

            assertEquals(3, new HashSet<>(keys).size(), event + ": keys " + keys);
            assertTrue(keys.stream().allMatch(key -> key != null && key.startsWith("priming-")), event + ": " + keys);
        }
    }

    /**
     * The priming events of every POST route that honours Idempotency-Key (openapi.yaml): all of them but card
     * verification's. Read from the events themselves, so a new one is checked too.
     */
    private static List<String> idempotentRoutesEvents() throws IOException {
        List<String> events = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/priming"))) {
            for (Path file : files.sorted().toList()) {
                String route = JSON.readTree(file.toFile()).path("routeKey").asText();
                if (route.startsWith("POST ") && !route.equals("POST /verification/initiate-verification")) {
                    events.add(file.getFileName().toString());
                }
            }
        }
        return events;
    }

    private static int items(LocalAws aws) {
        return aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).count();
    }
}
