package org.cloudcheckkit.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.config.SnapStartPriming;
import org.cloudcheckkit.functions.akahu.AkahuInitiateHandler;
import org.cloudcheckkit.functions.akahu.AkahuResultsHandler;
import org.cloudcheckkit.functions.archive.DownloadsHandler;
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

/**
 * SnapStart priming serves each API function's own request against the in-memory AWS: its calls are answered there,
 * and the function's real table is left as it was.
 */
class OwnRequestPrimingTest {
    @RegisterExtension
    static final LocalAwsExtension AWS = LocalAwsExtension.fromTemplate();

    @Test
    void everyApiFunctionPrimesItsOwnRequestInMemoryAndWritesNothing(LocalAws aws) {
        Map<String, Function<Components, ? extends ApiGatewayHandler>> handlers = new LinkedHashMap<>();
        handlers.put("CreateFunction", CreateHandler::new);
        handlers.put("SendFunction", SendHandler::new);
        handlers.put("QuickSendFunction", QuickSendHandler::new);
        handlers.put("RecipientsFunction", RecipientsHandler::new);
        handlers.put("ResultsFunction", ResultsHandler::new);
        handlers.put("AkahuInitiateFunction", AkahuInitiateHandler::new);
        handlers.put("AkahuResultsFunction", AkahuResultsHandler::new);
        handlers.put("InitiateVerificationFunction", InitiateVerificationHandler::new);
        handlers.put("WebhookReceiptFunction", WebhookReceiptHandler::new);
        handlers.put("DownloadsFunction", DownloadsHandler::new);
        int before = items(aws);
        handlers.forEach((function, handler) -> {
            Components components = Components.fromEnvironment(aws.functionEnvironment(function, Map.of()));
            handler.apply(components);

            int inMemory = SnapStartPriming.primeNow(components, ApiGatewayHandler.ownRequest(handler));

            // Every round makes the SDK operations' calls at least, besides what the handler's request makes.
            assertTrue(inMemory >= SnapStartPriming.OWN_REQUESTS, function + ": " + inMemory + " in-memory calls");
            assertEquals(before, items(aws), function + " wrote to the real table while priming");
        });
    }

    private static int items(LocalAws aws) {
        return aws.dynamoDb().scan(r -> r.tableName(aws.physicalName("Table"))).count();
    }
}
