package org.cloudcheckkit.functions.go;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.cloudcheck.go.QuickSendRequest;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.go.GoRequestService;
import org.cloudcheckkit.go.GoValidation;

/** POST /go/quicksend: one recipient, messaged at once (Cloudcheck /go/quicksend/). Honours Idempotency-Key. */
public final class QuickSendHandler extends ApiGatewayHandler {
    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(QuickSendHandler::new,
            "go-quicksend.json");

    private final ApiRoutes api;
    private final GoValidation validation;
    private final GoRequestService goRequests;

    public QuickSendHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public QuickSendHandler(Components components) {
        this(ApiRoutes.from(components), components.goValidation(), components.goRequests());
    }

    public QuickSendHandler(ApiRoutes api, GoValidation validation, GoRequestService goRequests) {
        this.api = api;
        this.validation = validation;
        this.goRequests = goRequests;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            QuickSendRequest quickSend = validation.quickSend(request.jsonBody());
            return api.idempotent(request,
                    () -> api.created(goRequests.quickSend(quickSend, request.caller(), request.callbackBaseUrl(),
                            request.deadline())));
        });
    }
}
