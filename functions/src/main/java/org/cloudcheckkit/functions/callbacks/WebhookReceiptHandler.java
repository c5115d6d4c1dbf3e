package org.cloudcheckkit.functions.callbacks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.cloudcheckkit.callbacks.CallbackKind;
import org.cloudcheckkit.callbacks.CallbackReceipt;
import org.cloudcheckkit.cloudcheck.FormEncoding;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRequest;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.validation.ValidationException;

/**
 * What Cloudcheck calls: GET/POST /callbacks/go (Go notificationUrl), GET/POST /callbacks/akahu (Akahu notificationUrl
 * and webhookUrl), POST /webhooks/cloudcheck (account webhooks). Authenticates, records once, answers at once; the
 * fetching and archiving happen behind the table's stream.
 */
public final class WebhookReceiptHandler extends ApiGatewayHandler {
    /**
     * SnapStart priming's own request of this function ({@link OwnRequests}): a Go callback carrying the token made
     * for it with priming's dummy callback key, as Cloudcheck's carries the one the callback URL was given.
     */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(WebhookReceiptHandler::new,
            "callbacks-go.json", (inMemory, event) -> event.replace("PRIMING-TOKEN",
                    inMemory.callbackTokens().tokenFor(CallbackKind.GO,
                    OwnRequests.seededCallbackId(inMemory))));

    private final ApiRoutes api;
    private final CallbackReceipt receipt;

    public WebhookReceiptHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public WebhookReceiptHandler(Components components) {
        this(ApiRoutes.from(components), components.callbackReceipt());
    }

    public WebhookReceiptHandler(ApiRoutes api, CallbackReceipt receipt) {
        this.api = api;
        this.receipt = receipt;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            String route = request.routeKey();
            CallbackReceipt.Receipt received;
            if (route.endsWith(" /callbacks/go")) {
                received = receipt.go(parameters(request));
            } else if (route.endsWith(" /callbacks/akahu")) {
                String body = request.body();
                received = receipt.akahu(parameters(request), isForm(request) ? "" : body);
            } else {
                received = receipt.accountWebhook(request.queryParameter("t"), request.body());
            }
            return api.ok(Map.of("received", true, "duplicate", received.duplicate()));
        });
    }

    /** The query string, and a form body's fields where a caller POSTs them. */
    private static Map<String, String> parameters(ApiRequest request) {
        Map<String, String> parameters = new HashMap<>();
        if (isForm(request)) {
            try {
                parameters.putAll(FormEncoding.decode(request.body()));
            } catch (IllegalArgumentException malformed) {
                throw ValidationException.of("body", "MALFORMED_FORM", "the form body has a malformed percent-escape");
            }
        }
        parameters.putAll(request.queryParameters());
        return parameters;
    }

    private static boolean isForm(ApiRequest request) {
        String type = request.header("Content-Type");
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }
}
