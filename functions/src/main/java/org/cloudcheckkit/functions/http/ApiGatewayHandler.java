package org.cloudcheckkit.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.functions.OwnRequests;
import org.cloudcheckkit.logging.LogContext;
import org.cloudcheckkit.secrets.Redact;

/**
 * The Lambda entry point of every HTTP route. Lambda hands a stream handler the raw event, which is read here with
 * the Jackson the function uses anyway; for a typed handler the runtime first builds its own event serializer, about
 * 300 ms of every cold start on one core (measured by bench/). Every line logged while the route runs carries the
 * Lambda request id and the request's business keys ({@link LogContext}). Subclasses implement {@link #handle}, which
 * tests call.
 */
public abstract class ApiGatewayHandler implements RequestStreamHandler {
    /**
     * The function's own request for SnapStart priming ({@link OwnRequests}): {@code event}, a route's example event
     * under resources priming/, answered with a 2xx.
     */
    protected static Function<Components, Runnable> ownRequest(Function<Components, ? extends ApiGatewayHandler> handler,
                                                               String event) {
        return ownRequest(handler, event, (inMemory, text) -> text);
    }

    /** As {@link #ownRequest(Function, String)}, the event completed first ({@link OwnRequests#of}). */
    protected static Function<Components, Runnable> ownRequest(Function<Components, ? extends ApiGatewayHandler> handler,
                                                               String event,
                                                               BiFunction<Components, String, String> completed) {
        return OwnRequests.api(handler, event, completed);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event = LambdaEvents.readHttpEvent(input);
        try (LogContext.Scope invocation = LogContext.invocation(context == null ? null : context.getAwsRequestId(),
                businessKeys(event))) {
            LambdaEvents.writeHttpResponse(handle(event, context), output);
        }
    }

    public abstract APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context);

    /** The route's path parameters that name a request, recipient or session, and the caller's principal. */
    private static Map<String, String> businessKeys(APIGatewayV2HTTPEvent event) {
        Map<String, String> keys = new HashMap<>();
        Map<String, String> path = event.getPathParameters() == null ? Map.of() : event.getPathParameters();
        keys.put(LogContext.GO_API_REFERENCE, path.get("goApiReference"));
        if (path.get("recipientToken") != null) {
            keys.put(LogContext.RECIPIENT_TOKEN_HASH, Redact.token(path.get("recipientToken")));
        }
        if (path.get("token") != null) {
            keys.put(LogContext.AKAHU_TOKEN_HASH, Redact.token(path.get("token")));
        }
        keys.put(LogContext.PRINCIPAL, ApiRequest.subject(event));
        return keys;
    }
}
