package org.cloudcheckkit.local;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Builds the event API Gateway sends a Lambda integration with payload format 2.0: lower-case headers with repeated
 * ones comma-joined, cookies apart, query parameters decoded with repeats comma-joined, the route key as the template
 * declares it, and the body as text or, for a content type that is not text, base64.
 */
final class HttpApiEvent {

    /** API Gateway's {@code requestContext.time}: {@code 22/Nov/2026:09:00:00 +0000}. */
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** A request as it came off the wire. Header names may have any case; each maps to its values in order. */
    record Request(String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body,
                   String sourceIp, int localPort, String protocol) {
    }

    /** What API Gateway knows of the call beyond the request itself. */
    record Origin(String accountId, String apiId, String requestId, Instant time) {
    }

    private HttpApiEvent() {
    }

    static ObjectNode build(Request request, RouteTable.Match match, Origin origin,
                            Optional<LocalPrincipals.LocalPrincipal> principal) {
        Map<String, String> headers = headers(request);
        String cookieHeader = headers.remove("cookie");
        ObjectNode event = Json.object()
                .put("version", "2.0")
                .put("routeKey", match.route().routeKey())
                .put("rawPath", request.rawPath())
                .put("rawQueryString", request.rawQuery() == null ? "" : request.rawQuery());
        if (cookieHeader != null) {
            ArrayNode cookies = event.putArray("cookies");
            for (String cookie : cookieHeader.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.strip());
                }
            }
        }
        ObjectNode headerNode = event.putObject("headers");
        headers.forEach(headerNode::put);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach(queryNode::put);
        }
        if (!match.pathParameters().isEmpty()) {
            ObjectNode pathNode = event.putObject("pathParameters");
            match.pathParameters().forEach(pathNode::put);
        }
        event.set("requestContext", requestContext(request, match, origin, headers, principal));
        boolean hasBody = request.body() != null && request.body().length > 0;
        boolean base64 = hasBody && !isText(headers.get("content-type"));
        if (hasBody) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(request.body())
                    : new String(request.body(), StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", base64);
        return event;
    }

    /**
     * Content types API Gateway passes as text. A form post is not among them: HTTP APIs base64-encode
     * {@code application/x-www-form-urlencoded} bodies (middyjs/middy#603 shows one, from Slack), so handlers must decode.
     * A body with no content type is passed as binary too.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.endsWith("/json") || type.endsWith("+json") || type.endsWith("/xml")
                || type.endsWith("+xml") || type.endsWith("/javascript");
    }

    /** Decoded names and values; a repeated name's values joined with commas, a name without {@code =} given "". */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            String name = decoded(nameValue[0]);
            String value = nameValue.length == 2 ? decoded(nameValue[1]) : "";
            parameters.merge(name, value, (first, next) -> first + "," + next);
        }
        return parameters;
    }

    /** A percent-escape that does not decode is passed on as it came, as API Gateway does, for the function to judge. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    /** Lower-case names, repeats comma-joined, and the forwarding headers API Gateway adds. */
    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new TreeMap<>();
        request.headers().forEach((name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values),
                (first, next) -> first + "," + next));
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-forwarded-port", Integer.toString(request.localPort()));
        return headers;
    }

    private static ObjectNode requestContext(Request request, RouteTable.Match match, Origin origin, Map<String, String> headers,
                                             Optional<LocalPrincipals.LocalPrincipal> principal) {
        String host = headers.getOrDefault("host", "127.0.0.1:" + request.localPort());
        ObjectNode context = Json.object()
                .put("accountId", origin.accountId())
                .put("apiId", origin.apiId())
                .put("domainName", host)
                .put("domainPrefix", host.split("[.:]", 2)[0]);
        context.putObject("http")
                .put("method", request.method())
                .put("path", request.rawPath())
                .put("protocol", request.protocol())
                .put("sourceIp", request.sourceIp())
                .put("userAgent", headers.getOrDefault("user-agent", ""));
        context.put("requestId", origin.requestId())
                .put("routeKey", match.route().routeKey())
                .put("stage", "$default")
                .put("time", REQUEST_TIME.format(origin.time()))
                .put("timeEpoch", origin.time().toEpochMilli());
        match.route().authorizer().ifPresent(authorizer -> principal.ifPresent(caller -> {
            ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
            ObjectNode claims = jwt.putObject("claims");
            authorizer.claims().forEach(claims::put);
            claims.put("sub", caller.subject());
            if (caller.scopes().isEmpty()) {
                jwt.putNull("scopes");
            } else {
                claims.put("scope", String.join(" ", caller.scopes()));
                ArrayNode scopes = jwt.putArray("scopes");
                caller.scopes().forEach(scopes::add);
            }
        }));
        return context;
    }
}
