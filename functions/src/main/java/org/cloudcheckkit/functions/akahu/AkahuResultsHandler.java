package org.cloudcheckkit.functions.akahu;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.akahu.AkahuService;
import org.cloudcheckkit.akahu.AkahuValidation;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;

/** GET /akahu/sessions/{token} (Cloudcheck /akahu/result/) and POST /akahu/sessions/{token}/review (/akahu/review/). */
public final class AkahuResultsHandler extends ApiGatewayHandler {
    static final String REVIEW_ROUTE = "POST /akahu/sessions/{token}/review";

    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(AkahuResultsHandler::new,
            "akahu-session.json");

    private final ApiRoutes api;
    private final AkahuValidation validation;
    private final AkahuService akahu;

    public AkahuResultsHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public AkahuResultsHandler(Components components) {
        this(ApiRoutes.from(components), components.akahuValidation(), components.akahu());
    }

    public AkahuResultsHandler(ApiRoutes api, AkahuValidation validation, AkahuService akahu) {
        this.api = api;
        this.validation = validation;
        this.akahu = akahu;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            String token = request.pathParameter("token");
            if (REVIEW_ROUTE.equals(request.routeKey())) {
                return api.ok(akahu.review(validation.review(token, request.jsonBody()), request.caller(),
                        request.deadline()));
            }
            return api.ok(akahu.result(token, request.caller(), request.deadline()));
        });
    }
}
