package org.cloudcheckkit.functions.go;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.cloudcheck.go.CancelRecipients;
import org.cloudcheckkit.cloudcheck.go.GoRecipient;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.cloudcheckkit.functions.http.ApiRoutes;
import org.cloudcheckkit.go.GoRequestService;
import org.cloudcheckkit.go.GoValidation;

/**
 * A Go request's recipients: POST .../recipients adds one (/go/add-recipient/, honours Idempotency-Key),
 * PUT .../recipients/{recipientToken} replaces one (/go/edit-recipient/), POST .../cancel cancels some
 * (/go/cancel-recipient/).
 */
public final class RecipientsHandler extends ApiGatewayHandler {
    static final String ADD_ROUTE = "POST /go/requests/{goApiReference}/recipients";
    static final String EDIT_ROUTE = "PUT /go/requests/{goApiReference}/recipients/{recipientToken}";

    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(RecipientsHandler::new,
            "go-add-recipient.json");

    private final ApiRoutes api;
    private final GoValidation validation;
    private final GoRequestService goRequests;

    public RecipientsHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public RecipientsHandler(Components components) {
        this(ApiRoutes.from(components), components.goValidation(), components.goRequests());
    }

    public RecipientsHandler(ApiRoutes api, GoValidation validation, GoRequestService goRequests) {
        this.api = api;
        this.validation = validation;
        this.goRequests = goRequests;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        return api.respond(event, context, request -> {
            String goApiReference = request.pathParameter("goApiReference");
            if (ADD_ROUTE.equals(request.routeKey())) {
                GoRecipient recipient = validation.recipient(request.jsonBody());
                return api.idempotent(request,
                        () -> api.created(goRequests.addRecipient(goApiReference, recipient, request.caller(),
                                request.deadline())));
            }
            if (EDIT_ROUTE.equals(request.routeKey())) {
                GoRecipient recipient = validation.recipient(request.jsonBody());
                return api.ok(goRequests.editRecipient(goApiReference, request.pathParameter("recipientToken"), recipient,
                        request.caller(), request.deadline()));
            }
            CancelRecipients cancel = validation.cancel(goApiReference, request.jsonBody());
            return api.ok(goRequests.cancel(cancel, request.caller(), request.deadline()));
        });
    }
}
