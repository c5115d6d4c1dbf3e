package org.cloudcheckkit.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import org.cloudcheckkit.config.Components;

/**
 * Figure 5's floor: put in place of the receipt handler in a copy of template.yaml, it answers every callback at once
 * with what the receipt handler answers, so the same requests through the same local API measure the API alone.
 * Takes Components because the local stack builds every handler so.
 */
public final class ConstantReceiptHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    public ConstantReceiptHandler(Components ignored) {
        // Nothing to build: the answer is constant.
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("Content-Type", "application/json; charset=utf-8"))
                .withBody("{\"received\":true,\"duplicate\":false}").withIsBase64Encoded(false).build();
    }
}
