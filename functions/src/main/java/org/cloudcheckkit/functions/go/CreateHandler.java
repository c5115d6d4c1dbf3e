package org.cloudcheckkit.functions.go;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.cloudcheck.CloudcheckApiException;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.go.GoRequestService;
import org.cloudcheckkit.go.GoValidation;
import org.cloudcheckkit.go.ValidatedCreate;

/**
 * POST /go/requests: creates a Go request (Cloudcheck /go/create/). Honours Idempotency-Key. With
 * {@code "allowPartial": true} the valid recipients are sent and the invalid ones reported (see {@link GoValidation}).
 */
public final class CreateHandler extends ApiGatewayHandler {
    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(CreateHandler::new, "go-create.json");

    private final ApiRoutes api;
    private final GoValidation validation;
    private final GoRequestService goRequests;

    /** For Lambda: everything is built once, from the function's environment. */
    public CreateHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public CreateHandler(Components components) {
        this(ApiRoutes.from(components), components.goValidation(), components.goRequests());
    }

    public CreateHandler(ApiRoutes api, GoValidation validation, GoRequestService goRequests) {
        this.api = api;
        this.validation = validation;
        this.goRequests = goRequests;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            ValidatedCreate create = validation.create(request.jsonBody());
            return api.idempotent(request, () -> {
                try {
                    return api.created(create.answer(goRequests.create(create.request(), request.caller(),
                            request.callbackBaseUrl(), request.deadline())));
                } catch (CloudcheckApiException refused) {
                    // Cloudcheck numbers the recipients it was sent; the caller's problems name them by its own list.
                    throw create.placed(refused);
                }
            });
        });
    }
}
