package org.cloudcheckkit.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.cloudcheckkit.cloudcheck.CloudcheckJson;

/**
 * API Gateway's HTTP API (payload 2.0) events and responses as JSON, read and written with the Jackson the function
 * loads anyway. The event classes' bean names are the wire names ({@code routeKey}, {@code isBase64Encoded}...), and
 * fields API Gateway adds later are ignored.
 */
final class LambdaEvents {
    private static final ObjectMapper JSON = CloudcheckJson.newMapper();

    private LambdaEvents() {
    }

    static APIGatewayV2HTTPEvent readHttpEvent(InputStream input) throws IOException {
        return JSON.readValue(input, APIGatewayV2HTTPEvent.class);
    }

    static void writeHttpResponse(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        JSON.writeValue(output, response);
    }
}
