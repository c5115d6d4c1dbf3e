package org.cloudcheckkit.functions.cardverification;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.function.Function;
import org.cloudcheckkit.cardverification.InitiateVerificationService;
import org.cloudcheckkit.cardverification.VerificationRequest;
import org.cloudcheckkit.cardverification.VerificationRequestValidator;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POST /verification/initiate-verification: the Connecting Party server's "initiate verification" (seed 003),
 * called by the mobile app directly. It is not behind the front-end JWT authorizer; the access token in the body is
 * the app's credential, and the session signature is what the payment gateway checks. Answers in the seed's own
 * format (see {@link VerificationReplies}); logs one line per request with no body, token or device data.
 */
public final class InitiateVerificationHandler extends ApiGatewayHandler {
    private static final Logger log = LoggerFactory.getLogger(InitiateVerificationHandler.class);

    /** SnapStart priming's own request of this function ({@link OwnRequests}). */
    public static final Function<Components, Runnable> OWN_REQUEST = ownRequest(InitiateVerificationHandler::new,
            "card-verification-initiate.json");

    private final VerificationRequestValidator validator;
    private final InitiateVerificationService service;
    private final VerificationReplies replies = new VerificationReplies();

    /** For Lambda: everything is built once, from the function's environment. */
    public InitiateVerificationHandler() {
        this(Components.fromEnvironment(System.getenv(), OWN_REQUEST));
    }

    public InitiateVerificationHandler(Components components) {
        this(new VerificationRequestValidator(), components.cardVerification());
    }

    public InitiateVerificationHandler(VerificationRequestValidator validator, InitiateVerificationService service) {
        this.validator = validator;
        this.service = service;
    }

    @Override
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = requestId(event, context);
        VerificationReplies.Reply reply;
        try {
            VerificationRequest request = validator.validate(event.getBody(), event.getIsBase64Encoded());
            reply = replies.success(service.initiate(request, sourceIp(event)));
        } catch (RuntimeException failure) {
            reply = replies.failure(failure, requestId);
        }
        log.info("route=\"{}\" status={} cause={} code={} ms={} requestId={}", event.getRouteKey(),
                reply.response().getStatusCode(), reply.cause(), reply.code(), (System.nanoTime() - started) / 1_000_000,
                requestId);
        return reply.response();
    }

    /** The caller's address as API Gateway saw it (not the app's say-so); null outside the HTTP API. */
    private static String sourceIp(APIGatewayV2HTTPEvent event) {
        if (event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return null;
        }
        return event.getRequestContext().getHttp().getSourceIp();
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return context == null ? null : context.getAwsRequestId();
    }
}
