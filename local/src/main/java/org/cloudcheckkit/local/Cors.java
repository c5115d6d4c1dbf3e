package org.cloudcheckkit.local;

import com.sun.net.httpserver.Headers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cloudcheckkit.localaws.HttpApiResource;

/**
 * An HTTP API's {@code CorsConfiguration}, applied as API Gateway applies it. A preflight - OPTIONS with an Origin and
 * an Access-Control-Request-Method - is answered by the API itself, 204, before any route or authorizer; with the CORS
 * headers when its origin is allowed, without them (so the browser refuses) when it is not. Every other answer to a
 * request from an allowed origin gets Access-Control-Allow-Origin, -Expose-Headers and -Allow-Credentials, in place of
 * any CORS headers the function set. Routes of several APIs share one local port, so APIs that configure CORS must
 * configure it alike.
 */
record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders, List<String> exposeHeaders,
            Optional<String> maxAge, boolean allowCredentials) {

    private static final List<String> CORS_HEADERS = List.of("access-control-allow-origin", "access-control-allow-methods",
            "access-control-allow-headers", "access-control-expose-headers", "access-control-max-age",
            "access-control-allow-credentials");

    Cors {
        allowOrigins = List.copyOf(allowOrigins);
        allowMethods = List.copyOf(allowMethods);
        allowHeaders = List.copyOf(allowHeaders);
        exposeHeaders = List.copyOf(exposeHeaders);
    }

    /**
     * The CORS configuration of the template's HTTP APIs; empty when none has one.
     *
     * @param resolve gives a template value its local meaning (a Ref to CorsAllowedOrigins, say)
     */
    static Optional<Cors> of(List<HttpApiResource> apis, Function<Object, Optional<Object>> resolve) {
        Optional<Cors> found = Optional.empty();
        for (HttpApiResource api : apis) {
            Object configuration = api.properties().get("CorsConfiguration");
            if (configuration == null) {
                continue;
            }
            Cors cors = read(api.logicalId(), resolve.apply(configuration).orElse(Map.of()));
            if (found.isPresent() && !found.get().equals(cors)) {
                throw new IllegalStateException("HTTP APIs " + apis.stream().map(HttpApiResource::logicalId).toList()
                        + " configure CORS differently; served together on one local port they must agree");
            }
            found = Optional.of(cors);
        }
        return found;
    }

    private static Cors read(String api, Object configuration) {
        if (!(configuration instanceof Map<?, ?> properties)) {
            throw new IllegalStateException(api + ": CorsConfiguration must be a map (true, SAM's shorthand, is not served locally)");
        }
        Object maxAge = properties.get("MaxAge");
        return new Cors(strings(properties.get("AllowOrigins")), strings(properties.get("AllowMethods")),
                strings(properties.get("AllowHeaders")), strings(properties.get("ExposeHeaders")),
                Optional.ofNullable(maxAge).map(String::valueOf), Boolean.parseBoolean(String.valueOf(properties.get("AllowCredentials"))));
    }

    static boolean isPreflight(String method, Headers request) {
        return method.equals("OPTIONS") && request.getFirst("Origin") != null
                && request.getFirst("Access-Control-Request-Method") != null;
    }

    HttpApiResponse preflight(Headers request) {
        Map<String, String> headers = new LinkedHashMap<>();
        allowedOrigin(request).ifPresent(origin -> {
            headers.put("access-control-allow-origin", origin);
            headers.put("access-control-allow-methods", String.join(",", allowMethods));
            if (!allowHeaders.isEmpty()) {
                headers.put("access-control-allow-headers", String.join(",", allowHeaders));
            }
            maxAge.ifPresent(seconds -> headers.put("access-control-max-age", seconds));
            credentials(headers);
        });
        return new HttpApiResponse(204, headers, List.of(), new byte[0]);
    }

    /** The answer to a request from an allowed origin, with this API's CORS headers in place of any the function set. */
    HttpApiResponse apply(HttpApiResponse response, Headers request) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> {
            if (!CORS_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                headers.put(name, value);
            }
        });
        allowedOrigin(request).ifPresent(origin -> {
            headers.put("access-control-allow-origin", origin);
            if (!exposeHeaders.isEmpty()) {
                headers.put("access-control-expose-headers", String.join(",", exposeHeaders));
            }
            credentials(headers);
        });
        return new HttpApiResponse(response.status(), headers, response.cookies(), response.body());
    }

    /** The Access-Control-Allow-Origin a request gets: {@code *} when every origin is allowed, else its own origin if listed. */
    private Optional<String> allowedOrigin(Headers request) {
        String origin = request.getFirst("Origin");
        if (origin == null) {
            return Optional.empty();
        }
        if (allowOrigins.contains("*")) {
            return Optional.of("*");
        }
        return allowOrigins.contains(origin) ? Optional.of(origin) : Optional.empty();
    }

    private void credentials(Map<String, String> headers) {
        if (allowCredentials) {
            headers.put("access-control-allow-credentials", "true");
        }
    }

    private static List<String> strings(Object value) {
        List<String> strings = new ArrayList<>();
        if (value instanceof List<?> list) {
            list.forEach(item -> strings.add(String.valueOf(item).strip()));
        } else if (value != null) {
            strings.add(String.valueOf(value).strip());
        }
        return strings;
    }
}
