package org.cloudcheckkit.functions.go;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRequest;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.go.GoRequestService;
import org.cloudcheckkit.go.GoRequestView;
import org.cloudcheckkit.intents.OpenIntents;
import org.cloudcheckkit.validation.ValidationException;

/**
 * The read routes: GET /go/requests/{goApiReference} (Cloudcheck /go/results/ merged with what was stored),
 * GET /go/recipients/{recipientToken} (/go/result/ with the stored history and archive), and GET /intents (the
 * caller's billable calls whose outcome is not known yet).
 */
public final class ResultsHandler extends ApiGatewayHandler {
    static final String REQUEST_ROUTE = "GET /go/requests/{goApiReference}";
    static final String INTENTS_ROUTE = "GET /intents";

    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(ResultsHandler::new, "go-request.json");

    private final ApiRoutes api;
    private final GoRequestService goRequests;
    private final OpenIntents openIntents;

    public ResultsHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public ResultsHandler(Components components) {
        this(ApiRoutes.from(components), components.goRequests(), components.openIntents());
    }

    public ResultsHandler(ApiRoutes api, GoRequestService goRequests, OpenIntents openIntents) {
        this.api = api;
        this.goRequests = goRequests;
        this.openIntents = openIntents;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            if (INTENTS_ROUTE.equals(request.routeKey())) {
                return api.ok(openIntents.of(request.caller()));
            }
            return REQUEST_ROUTE.equals(request.routeKey())
                    ? api.ok(requestView(request))
                    : api.ok(goRequests.recipientResult(request.pathParameter("recipientToken"),
                            request.caller(), request.deadline()));
        });
    }

    /** {@code ?view=live} (the default) asks Cloudcheck; {@code ?view=stored} answers from the table alone. */
    private GoRequestView requestView(ApiRequest request) {
        String view = request.queryParameter("view");
        String goApiReference = request.pathParameter("goApiReference");
        if (view == null || view.equals("live")) {
            return goRequests.view(goApiReference, request.caller(), request.deadline());
        }
        if (view.equals("stored")) {
            return goRequests.storedView(goApiReference, request.caller());
        }
        throw ValidationException.of("query:view", "ONE_OF", "view is live (the default: Cloudcheck's statuses and "
                + "links, one call to it) or stored (what this service recorded, no call)");
    }
}
