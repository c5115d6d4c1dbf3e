package org.cloudcheckkit.functions.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cloudcheckkit.api.Caller;
import org.cloudcheckkit.api.Principal;
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
    private final String tenantClaim;

    ApiRequest(APIGatewayV2HTTPEvent event, ObjectMapper json, Deadline deadline, String configuredCallbackBaseUrl,
               String tenantClaim) {
        this.event = event;
        this.json = json;
        this.deadline = deadline;
        this.tenantClaim = tenantClaim;
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

    /** Every path parameter the route took. */
    public Map<String, String> pathParameters() {
        return event.getPathParameters() == null ? Map.of() : event.getPathParameters();
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

    /**
     * Who is calling, as the JWT authorizer vouched for it (none on the open routes), and the Idempotency-Key the
     * request carries. Scopes are the authorizer's list and the token's {@code scope} claim (space-separated).
     */
    public Caller caller() {
        return new Caller(principal(), header("Idempotency-Key"));
    }

    /** The JWT's subject, for the invocation's log keys; null on the open routes. */
    static String subject(APIGatewayV2HTTPEvent event) {
        return claims(event).get("sub");
    }

    private static Map<String, String> claims(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = jwt(event);
        return jwt == null || jwt.getClaims() == null ? Map.of() : jwt.getClaims();
    }

    private static APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Authorizer authorizer = context == null ? null : context.getAuthorizer();
        return authorizer == null ? null : authorizer.getJwt();
    }

    private Principal principal() {
        APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT jwt = jwt(event);
        Map<String, String> claims = claims(event);
        String subject = claims.get("sub");
        if (subject == null || subject.isBlank()) {
            return null;
        }
        Set<String> scopes = new HashSet<>();
        if (jwt.getScopes() != null) {
            scopes.addAll(jwt.getScopes());
        }
        String scopeClaim = claims.get("scope");
        if (scopeClaim != null) {
            scopes.addAll(Arrays.asList(scopeClaim.trim().split("\\s+")));
        }
        String tenant = tenantClaim.isEmpty() ? null : claims.get(tenantClaim);
        return new Principal(subject, tenant, scopes);
    }

    /**
     * What makes two requests the same one for an Idempotency-Key: the caller (subject and tenant), the route, its
     * path parameters and the body. Each part is length-prefixed, so no two different requests share a fingerprint.
     */
    public String fingerprint() {
        Principal principal = principal();
        StringBuilder parts = new StringBuilder();
        Map<String, String> parameters = event.getPathParameters() == null ? Map.of() : new TreeMap<>(event.getPathParameters());
        for (String part : new String[] {principal == null ? "" : principal.subject(),
                principal == null || principal.tenant() == null ? "" : principal.tenant(), routeKey(),
                parameters.toString(), body()}) {
            parts.append(part.length()).append(':').append(part);
        }
        return parts.toString();
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
