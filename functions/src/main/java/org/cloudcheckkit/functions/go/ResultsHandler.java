package org.cloudcheckkit.functions.go;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.go.GoRequestService;

/**
 * GET /go/requests/{goApiReference} (Cloudcheck /go/results/ merged with what was stored) and
 * GET /go/recipients/{recipientToken} (/go/result/ with the stored history and archive).
 */
public final class ResultsHandler extends ApiGatewayHandler {
    static final String REQUEST_ROUTE = "GET /go/requests/{goApiReference}";

    private final ApiRoutes api;
    private final GoRequestService goRequests;

    public ResultsHandler() {
        this(Components.fromEnvironment(System.getenv()));
    }

    public ResultsHandler(Components components) {
        this(ApiRoutes.from(components), components.goRequests());
    }

    public ResultsHandler(ApiRoutes api, GoRequestService goRequests) {
        this.api = api;
        this.goRequests = goRequests;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> REQUEST_ROUTE.equals(request.routeKey())
                ? api.ok(goRequests.view(request.pathParameter("goApiReference"), request.deadline()))
                : api.ok(goRequests.recipientResult(request.pathParameter("recipientToken"), request.deadline())));
    }
}
