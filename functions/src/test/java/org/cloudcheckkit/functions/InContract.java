package org.cloudcheckkit.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.cloudcheckkit.contract.Answer;
import org.cloudcheckkit.contract.ApiContract;
import org.cloudcheckkit.functions.http.ApiGatewayHandler;

/**
 * How the handler tests call a route: the handler answers as it would in Lambda, and the answer is checked against
 * {@code openapi.yaml} before the test sees it, so every answer a test receives is one the document describes.
 */
public final class InContract {
    private static final ApiContract CONTRACT = ApiContract.ofRepository();

    private InContract() {
    }

    public static APIGatewayV2HTTPResponse handle(ApiGatewayHandler handler, APIGatewayV2HTTPEvent event,
            Context context) {
        APIGatewayV2HTTPResponse response = handler.handle(event, context);
        CONTRACT.check(answer(event, response));
        return response;
    }

    private static Answer answer(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse response) {
        String method;
        String path;
        if (event.getRouteKey() != null && event.getRouteKey().contains(" ")) {
            String[] route = event.getRouteKey().split(" ", 2);
            method = route[0];
            path = route[1];
        } else {
            method = event.getRequestContext().getHttp().getMethod();
            path = event.getRawPath();
        }
        Map<String, String> headers = new HashMap<>();
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> headers.put(name, String.join(",", values)));
        }
        if (response.getHeaders() != null) {
            headers.putAll(response.getHeaders());
        }
        String body = response.getBody();
        if (body != null && response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new Answer(method, path, response.getStatusCode(), headers, body);
    }
}
