package org.cloudcheckkit.local;

import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One route of the HTTP API, as an HttpApi event declares it: a method (or ANY) and a path template whose segments are
 * literals, {@code {name}} parameters or a final greedy {@code {name+}}; or the {@code $default} route, which takes
 * whatever no other route matches.
 *
 * @param authorizer the authorizer guarding the route; empty when it is open ({@code Auth: Authorizer: NONE})
 */
public record HttpRoute(String routeKey, String method, List<Segment> segments, String functionId,
                        Optional<RouteAuthorizer> authorizer) {

    public static final String DEFAULT_ROUTE_KEY = "$default";
    static final String ANY_METHOD = "ANY";

    public HttpRoute {
        segments = List.copyOf(segments);
    }

    /** An authorizer locally stands for a bearer check; its claims are what a valid JWT would have carried. */
    public record RouteAuthorizer(String name, Map<String, String> claims) {

        public RouteAuthorizer {
            claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
        }
    }

    enum Kind { LITERAL, PARAMETER, GREEDY }

    /** One path segment: literal text, or the name of the parameter it binds. */
    record Segment(Kind kind, String text) {
    }

    /** Parses a route key such as {@code POST /go/requests/{goApiReference}/send}. */
    public static HttpRoute parse(String routeKey, String functionId, Optional<RouteAuthorizer> authorizer) {
        if (routeKey.equals(DEFAULT_ROUTE_KEY)) {
            return new HttpRoute(routeKey, ANY_METHOD, List.of(), functionId, authorizer);
        }
        String[] parts = routeKey.split(" ", 2);
        if (parts.length != 2 || !parts[1].startsWith("/")) {
            throw new IllegalArgumentException("Route " + routeKey + " must be METHOD /path");
        }
        return new HttpRoute(routeKey, parts[0].toUpperCase(Locale.ROOT), segments(routeKey, parts[1]), functionId, authorizer);
    }

    public boolean isDefault() {
        return routeKey.equals(DEFAULT_ROUTE_KEY);
    }

    /** The path parameters when {@code method} and the request path's segments fit this route. */
    Optional<Map<String, String>> match(String requestMethod, List<String> rawSegments) {
        if (!method.equals(ANY_METHOD) && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        if (isDefault()) {
            return Optional.of(Map.of());
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (segment.kind() == Kind.GREEDY) {
                if (i >= rawSegments.size()) {
                    return Optional.empty();
                }
                parameters.put(segment.text(), decode(String.join("/", rawSegments.subList(i, rawSegments.size()))));
                return Optional.of(parameters);
            }
            if (i >= rawSegments.size()) {
                return Optional.empty();
            }
            String value = decode(rawSegments.get(i));
            if (segment.kind() == Kind.LITERAL ? !segment.text().equals(value) : value.isEmpty()) {
                return Optional.empty();
            }
            if (segment.kind() == Kind.PARAMETER) {
                parameters.put(segment.text(), value);
            }
        }
        return segments.size() == rawSegments.size() ? Optional.of(parameters) : Optional.empty();
    }

    /**
     * Orders routes as API Gateway picks among several that match: a named method before ANY, then segment by
     * segment a literal before a parameter before a greedy parameter; {@code $default} last.
     */
    static int bySpecificity(HttpRoute a, HttpRoute b) {
        if (a.isDefault() != b.isDefault()) {
            return a.isDefault() ? 1 : -1;
        }
        for (int i = 0; i < Math.min(a.segments.size(), b.segments.size()); i++) {
            int order = a.segments.get(i).kind().compareTo(b.segments.get(i).kind());
            if (order != 0) {
                return order;
            }
        }
        boolean aAny = a.method.equals(ANY_METHOD);
        boolean bAny = b.method.equals(ANY_METHOD);
        return aAny == bAny ? 0 : aAny ? 1 : -1;
    }

    /** Percent-decodes one path segment; unlike a form, a path keeps {@code +} as it is. */
    static String decode(String rawSegment) {
        return URLDecoder.decode(rawSegment.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static List<Segment> segments(String routeKey, String path) {
        List<Segment> segments = new ArrayList<>();
        String[] parts = path.substring(1).split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean greedy = name.endsWith("+");
                if (greedy && i != parts.length - 1) {
                    throw new IllegalArgumentException("Route " + routeKey + ": a greedy parameter must be the last segment");
                }
                segments.add(new Segment(greedy ? Kind.GREEDY : Kind.PARAMETER, greedy ? name.substring(0, name.length() - 1) : name));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException("Route " + routeKey + ": a parameter must be a whole segment, not " + part);
            } else {
                segments.add(new Segment(Kind.LITERAL, part));
            }
        }
        return segments;
    }
}
