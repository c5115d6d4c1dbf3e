package org.cloudcheckkit.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.cloudcheck.Deadline;
import org.cloudcheckkit.validation.ValidationException;

/** One API Gateway HTTP API (payload 2.0) request, as a route handler needs it. */
public final class ApiRequest {
    /** Far above any valid body (500 recipients are ~300 KB) and far below API Gateway's 10 MB. */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final APIGatewayV2HTTPEvent event;
    private final ObjectMapper json;
    private final Deadline deadline;
    private final String callbackBaseUrl;

    ApiRequest(APIGatewayV2HTTPEvent event, ObjectMapper json, Deadline deadline, String configuredCallbackBaseUrl) {
        this.event = event;
        this.json = json;
        this.deadline = deadline;
        this.callbackBaseUrl = configuredCallbackBaseUrl.isEmpty() ? derivedBaseUrl(event) : configuredCallbackBaseUrl;
    }

    /** The route as template.yaml declares it, e.g. {@code POST /go/requests/{goApiReference}/send}. */
    public String routeKey() {
        return event.getRouteKey();
    }

    public String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        String value = parameters == null ? null : parameters.get(name);
        if (value == null || value.isBlank() || value.length() > 200) {
            throw ValidationException.of("path:" + name, "REQUIRED", "the path needs a " + name + " of 1 to 200 characters");
        }
        return value;
    }

    public String queryParameter(String name) {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /** Every query parameter (payload 2.0 joins repeated ones with commas). */
    public Map<String, String> queryParameters() {
        Map<String, String> parameters = event.getQueryStringParameters();
        return parameters == null ? Map.of() : parameters;
    }

    /** Payload 2.0 lower-cases header names; looked up without regard to case all the same. */
    public String header(String name) {
        Map<String, String> headers = event.getHeaders();
        if (headers == null) {
            return null;
        }
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        if (value != null) {
            return value;
        }
        for (Map.Entry<String, String> header : headers.entrySet()) {
            if (header.getKey().equalsIgnoreCase(name)) {
                return header.getValue();
            }
        }
        return null;
    }

    /** The body as text, base64-decoded when API Gateway encoded it; refused when over {@link #MAX_BODY_BYTES}. */
    public String body() {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        byte[] bytes = event.getIsBase64Encoded() ? decodeBase64(body) : body.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BODY_BYTES) {
            throw new BodyTooLargeException(MAX_BODY_BYTES);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The body as JSON; an empty body reads as {@code {}}, malformed JSON is a 400 naming where it broke. */
    public JsonNode jsonBody() {
        String body = body();
        if (body.isBlank()) {
            return json.createObjectNode();
        }
        try (JsonParser parser = json.getFactory().createParser(body)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            JsonNode node = json.readTree(parser);
            if (parser.nextToken() != null) {
                throw ValidationException.of("", "MALFORMED_JSON", "the body has content after its JSON value");
            }
            return node;
        } catch (IOException e) {
            throw ValidationException.of("", "MALFORMED_JSON", "the body is not valid JSON (line "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                            ? p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr() : "?") + ")");
        }
    }

    public Deadline deadline() {
        return deadline;
    }

    /** Where Cloudcheck should call back: configured, or this API's own address. */
    public String callbackBaseUrl() {
        return callbackBaseUrl;
    }

    /** Who is calling: the JWT's subject (none on the open routes) and the Idempotency-Key the request carries. */
    public Caller caller() {
        return new Caller(principal(event), header("Idempotency-Key"));
    }

    /** The JWT's subject; null on the open routes. */
    static String principal(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getAuthorizer() == null || context.getAuthorizer().getJwt() == null
                || context.getAuthorizer().getJwt().getClaims() == null) {
            return null;
        }
        return context.getAuthorizer().getJwt().getClaims().get("sub");
    }

    public String requestId() {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }

    private static String derivedBaseUrl(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        if (context == null || context.getDomainName() == null) {
            throw new IllegalStateException("the request has no domain name; set CALLBACK_BASE_URL");
        }
        String stage = context.getStage();
        return "https://" + context.getDomainName() + (stage == null || stage.equals("$default") ? "" : "/" + stage);
    }

    private static byte[] decodeBase64(String body) {
        try {
            return Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw ValidationException.of("", "MALFORMED_BODY", "the body is marked base64 but is not");
        }
    }

    /** 413: the body is larger than any request this API takes. */
    public static final class BodyTooLargeException extends RuntimeException {
        BodyTooLargeException(int limit) {
            super("the body is larger than " + limit + " bytes");
        }
    }
}
