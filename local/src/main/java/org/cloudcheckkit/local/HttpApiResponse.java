package org.cloudcheckkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What API Gateway (payload format 2.0) makes of a function's result: an object with a {@code statusCode} is a
 * response (headers, cookies as Set-Cookie, body base64-decoded when flagged); any other JSON is the body of a 200
 * {@code application/json} response.
 */
record HttpApiResponse(int status, Map<String, String> headers, List<String> cookies, byte[] body) {

    static final String INTERNAL_ERROR = "{\"message\":\"Internal Server Error\"}";

    /** @throws IllegalArgumentException when the result is not a response API Gateway would accept (it answers 500) */
    static HttpApiResponse fromResult(String resultJson) {
        JsonNode result = Json.parse(resultJson);
        if (!result.isObject() || !result.has("statusCode")) {
            return new HttpApiResponse(200, Map.of("content-type", "application/json"), List.of(),
                    resultJson.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode status = result.get("statusCode");
        if (!status.canConvertToInt() || status.asInt() < 100 || status.asInt() > 599) {
            throw new IllegalArgumentException("statusCode " + status + " is not an HTTP status");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        result.path("headers").properties().forEach(header -> headers.put(header.getKey(), header.getValue().asText()));
        List<String> cookies = new ArrayList<>();
        result.path("cookies").forEach(cookie -> cookies.add(cookie.asText()));
        JsonNode body = result.get("body");
        byte[] bytes;
        if (body == null || body.isNull()) {
            bytes = new byte[0];
        } else if (result.path("isBase64Encoded").asBoolean(false)) {
            bytes = Base64.getDecoder().decode(body.asText());
        } else {
            bytes = body.asText().getBytes(StandardCharsets.UTF_8);
        }
        return new HttpApiResponse(status.asInt(), headers, cookies, bytes);
    }

    static HttpApiResponse json(int status, String body) {
        return new HttpApiResponse(status, Map.of("content-type", "application/json"), List.of(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
