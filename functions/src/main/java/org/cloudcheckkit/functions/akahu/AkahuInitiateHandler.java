package org.cloudcheckkit.functions.akahu;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.akahu.AkahuService;
import org.cloudcheckkit.akahu.AkahuValidation;
import org.cloudcheckkit.cloudcheck.akahu.AkahuInitiateRequest;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;

/** POST /akahu/sessions: starts an Akahu session (Cloudcheck /akahu/initiate/). Honours Idempotency-Key. */
public final class AkahuInitiateHandler extends ApiGatewayHandler {
    /**
     * SnapStart priming's own request of this function ({@link OwnRequests}): its callback on a host the deployment
     * allows, as a real request's must be.
     */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(AkahuInitiateHandler::new,
            "akahu-initiate.json", (inMemory, event) -> event.replace("priming-redirect-host",
                    inMemory.settings().allowedRedirectHosts().stream().findFirst().orElse("localhost")));

    private final ApiRoutes api;
    private final AkahuValidation validation;
    private final AkahuService akahu;

    public AkahuInitiateHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public AkahuInitiateHandler(Components components) {
        this(ApiRoutes.from(components), components.akahuValidation(), components.akahu());
    }

    public AkahuInitiateHandler(ApiRoutes api, AkahuValidation validation, AkahuService akahu) {
        this.api = api;
        this.validation = validation;
        this.akahu = akahu;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            AkahuInitiateRequest initiate = validation.initiate(request.jsonBody());
            return api.idempotent(request,
                    () -> api.created(akahu.initiate(initiate, request.caller(), request.callbackBaseUrl(),
                            request.deadline())));
        });
    }
}
