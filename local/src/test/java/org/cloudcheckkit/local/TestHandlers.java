package org.cloudcheckkit.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudcheckkit.config.Components;

/** Handlers shaped as the project's are (a public constructor taking Components), doing just enough to observe. */
final class TestHandlers {

    private TestHandlers() {
    }

    /** Returns what it was given and what Lambda told it. */
    public static final class Echo implements RequestHandler<Map<String, Object>, Map<String, Object>> {
        private final String tableName;

        public Echo(Components components) {
            this.tableName = components.settings().tableName();
        }

        @Override
        public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
            if (input.containsKey("fail")) {
                throw new IllegalStateException(String.valueOf(input.get("fail")));
            }
            Map<String, Object> output = new LinkedHashMap<>(input);
            output.put("table", tableName);
            output.put("requestId", context.getAwsRequestId());
            output.put("functionName", context.getFunctionName());
            output.put("remainingMillis", context.getRemainingTimeInMillis());
            return output;
        }
    }

    /** An HTTP handler, read and answered with Lambda's event serializers. */
    public static final class Http implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public Http(Components components) {
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return APIGatewayV2HTTPResponse.builder().withStatusCode(202).withBody(event.getRouteKey())
                    .withHeaders(Map.of("Content-Type", "text/plain")).build();
        }
    }

    /** Answers with the event it was given, as Lambda's serializer writes it: what reached the handler. */
    public static final class EchoEvent implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public EchoEvent(Components components) {
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers
                    .serializerFor(APIGatewayV2HTTPEvent.class, EchoEvent.class.getClassLoader()).toJson(event, out);
            return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(out.toString(java.nio.charset.StandardCharsets.UTF_8))
                    .withHeaders(Map.of("Content-Type", "application/json")).withCookies(java.util.List.of("seen=1")).build();
        }
    }

    /** Fails on every request. */
    public static final class Failing implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
        public Failing(Components components) {
        }

        @Override
        public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            throw new IllegalStateException("handler bug");
        }
    }

    /** Returns something API Gateway cannot turn into a response. */
    public static final class Malformed implements RequestHandler<APIGatewayV2HTTPEvent, Map<String, Object>> {
        public Malformed(Components components) {
        }

        @Override
        public Map<String, Object> handleRequest(APIGatewayV2HTTPEvent event, Context context) {
            return Map.of("statusCode", "soon");
        }
    }

    /** Reads its environment from the process: the local stack cannot give it one, so it must be refused. */
    public static final class NoComponents implements RequestHandler<Map<String, Object>, String> {
        @Override
        public String handleRequest(Map<String, Object> input, Context context) {
            return "unreachable";
        }
    }
}
