package org.cloudcheckkit.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.cloudcheck.CloudcheckJson;

/**
 * API Gateway's HTTP API (payload 2.0) events and responses as JSON. Read as a tree and written field by field, not
 * bound to the event classes: Jackson's bean binding of those classes (introspection, deserializers for each nested
 * class) is a measured part of a cold start (bench figure 1, RESULTS.md). Fields API Gateway adds, and those nothing
 * here reads (IAM and Lambda authorizers), are ignored.
 */
final class LambdaEvents {
    private static final ObjectMapper JSON = CloudcheckJson.newMapper();

    private LambdaEvents() {
    }

    static APIGatewayV2HTTPEvent readHttpEvent(InputStream input) throws IOException {
        JsonNode event = JSON.readTree(input);
        if (event == null || !event.isObject()) {
            throw new IOException("the event is not a JSON object");
        }
        APIGatewayV2HTTPEvent.APIGatewayV2HTTPEventBuilder builder = APIGatewayV2HTTPEvent.builder()
                .withVersion(text(event, "version"))
                .withRouteKey(text(event, "routeKey"))
                .withRawPath(text(event, "rawPath"))
                .withRawQueryString(text(event, "rawQueryString"))
                .withCookies(list(event.get("cookies")))
                .withHeaders(map(event.get("headers")))
                .withQueryStringParameters(map(event.get("queryStringParameters")))
                .withPathParameters(map(event.get("pathParameters")))
                .withStageVariables(map(event.get("stageVariables")))
                .withBody(text(event, "body"))
                .withIsBase64Encoded(event.path("isBase64Encoded").asBoolean(false));
        JsonNode context = event.get("requestContext");
        if (context != null && context.isObject()) {
            builder.withRequestContext(requestContext(context));
        }
        return builder.build();
    }

    private static RequestContext requestContext(JsonNode context) {
        RequestContext.RequestContextBuilder builder = RequestContext.builder()
                .withRouteKey(text(context, "routeKey"))
                .withAccountId(text(context, "accountId"))
                .withStage(text(context, "stage"))
                .withApiId(text(context, "apiId"))
                .withDomainName(text(context, "domainName"))
                .withDomainPrefix(text(context, "domainPrefix"))
                .withTime(text(context, "time"))
                .withTimeEpoch(context.path("timeEpoch").asLong(0))
                .withRequestId(text(context, "requestId"));
        JsonNode http = context.get("http");
        if (http != null && http.isObject()) {
            builder.withHttp(RequestContext.Http.builder()
                    .withMethod(text(http, "method"))
                    .withPath(text(http, "path"))
                    .withProtocol(text(http, "protocol"))
                    .withSourceIp(text(http, "sourceIp"))
                    .withUserAgent(text(http, "userAgent"))
                    .build());
        }
        JsonNode jwt = context.path("authorizer").get("jwt");
        if (jwt != null && jwt.isObject()) {
            builder.withAuthorizer(RequestContext.Authorizer.builder()
                    .withJwt(RequestContext.Authorizer.JWT.builder()
                            .withClaims(map(jwt.get("claims")))
                            .withScopes(list(jwt.get("scopes")))
                            .build())
                    .build());
        }
        return builder.build();
    }

    static void writeHttpResponse(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        // As the mapper wrote the bean: its property names, null fields left out.
        try (JsonGenerator out = JSON.getFactory().createGenerator(output)) {
            out.writeStartObject();
            out.writeNumberField("statusCode", response.getStatusCode());
            writeMap(out, "headers", response.getHeaders());
            if (response.getMultiValueHeaders() != null) {
                out.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                    writeList(out, header.getKey(), header.getValue());
                }
                out.writeEndObject();
            }
            writeList(out, "cookies", response.getCookies());
            if (response.getBody() != null) {
                out.writeStringField("body", response.getBody());
            }
            out.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            out.writeEndObject();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** A JSON object of strings (a claim that is not a string is kept as its JSON text), or null. */
    private static Map<String, String> map(JsonNode node) {
        if (node == null || !node.isObject()) {
            return null;
        }
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(field -> map.put(field.getKey(),
                field.getValue().isNull() ? null : field.getValue().isValueNode() ? field.getValue().asText()
                        : field.getValue().toString()));
        return map;
    }

    private static List<String> list(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> list = new ArrayList<>();
        node.forEach(element -> list.add(element.isNull() ? null : element.asText()));
        return list;
    }

    private static void writeMap(JsonGenerator out, String field, Map<String, String> map) throws IOException {
        if (map != null) {
            out.writeObjectFieldStart(field);
            for (Map.Entry<String, String> entry : map.entrySet()) {
                out.writeStringField(entry.getKey(), entry.getValue());
            }
            out.writeEndObject();
        }
    }

    private static void writeList(JsonGenerator out, String field, List<String> list) throws IOException {
        if (list != null) {
            out.writeArrayFieldStart(field);
            for (String element : list) {
                out.writeString(element);
            }
            out.writeEndArray();
        }
    }
}
