package org.cloudcheckkit.functions.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The Lambda entry point of every HTTP route. Lambda hands a stream handler the raw event, which is read here with
 * the Jackson the function uses anyway; for a typed handler the runtime first builds its own event serializer, about
 * 300 ms of every cold start on one core (measured by bench/). Subclasses implement {@link #handle}, which tests call.
 */
public abstract class ApiGatewayHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        LambdaEvents.writeHttpResponse(handle(LambdaEvents.readHttpEvent(input), context), output);
    }

    public abstract APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context);
}
