package org.cloudcheckkit.functions.go;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.cloudcheck.go.ResendRequest;
import org.cloudcheckkit.cloudcheck.go.SendRequest;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.go.GoRequestService;
import org.cloudcheckkit.go.GoValidation;

/**
 * POST /go/requests/{goApiReference}/send (Cloudcheck /go/send/, test or real) and
 * POST /go/requests/{goApiReference}/recipients/{recipientToken}/resend (/go/resend/). Both message customers,
 * so both honour Idempotency-Key.
 */
public final class SendHandler extends ApiGatewayHandler {
    static final String RESEND_ROUTE = "POST /go/requests/{goApiReference}/recipients/{recipientToken}/resend";

    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(SendHandler::new, "go-send.json");

    private final ApiRoutes api;
    private final GoValidation validation;
    private final GoRequestService goRequests;

    public SendHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public SendHandler(Components components) {
        this(ApiRoutes.from(components), components.goValidation(), components.goRequests());
    }

    public SendHandler(ApiRoutes api, GoValidation validation, GoRequestService goRequests) {
        this.api = api;
        this.validation = validation;
        this.goRequests = goRequests;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            String goApiReference = request.pathParameter("goApiReference");
            if (RESEND_ROUTE.equals(request.routeKey())) {
                ResendRequest resend = new ResendRequest(goApiReference, request.pathParameter("recipientToken"));
                return api.idempotent(request, () -> api.ok(goRequests.resend(resend, request.caller(), request.deadline())));
            }
            SendRequest send = validation.send(goApiReference, request.jsonBody());
            return api.idempotent(request, () -> api.ok(goRequests.send(send, request.caller(), request.deadline())));
        });
    }
}
