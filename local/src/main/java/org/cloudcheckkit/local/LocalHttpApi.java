package org.cloudcheckkit.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API as API Gateway runs it in front of the functions: answers CORS preflights and puts the CORS headers on
 * the functions' answers ({@link Cors}, when the template configures CORS), picks the route, checks the bearer token on
 * routes with an authorizer, turns the request into a payload 2.0 event, invokes the route's handler, and writes back
 * what it returns. Answers as API Gateway does when it cannot: 404 for no route, 401 without a valid token, 413 above
 * 10 MB, 500 when the handler fails. Also serves one local-only admin route, under {@value #ADMIN_PREFIX}.
 */
final class LocalHttpApi implements HttpHandler {

    static final String ADMIN_PREFIX = "/_local/";
    /** POST /_local/functions/{FunctionLogicalId}/invoke: what {@code aws lambda invoke} does, for any function. */
    private static final Pattern INVOKE = Pattern.compile("/_local/functions/([A-Za-z0-9]+)/invoke");
    /** API Gateway's payload limit. */
    private static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** API Gateway's own answers, word for word. */
    private static final String NOT_FOUND = "{\"message\":\"Not Found\"}";
    private static final String UNAUTHORIZED = "{\"message\":\"Unauthorized\"}";
    private static final String TOO_LARGE = "{\"message\":\"Request Entity Too Large\"}";

    private static final Logger log = LoggerFactory.getLogger(LocalHttpApi.class);

    private final RouteTable routes;
    private final Optional<Cors> cors;
    private final LocalFunctions functions;
    private final LocalPrincipals principals;
    private final String adminScope;
    private final String accountId;
    private final Clock clock;

    LocalHttpApi(RouteTable routes, Optional<Cors> cors, LocalFunctions functions, LocalPrincipals principals,
                 String adminScope, String accountId, Clock clock) {
        this.routes = routes;
        this.cors = cors;
        this.functions = functions;
        this.principals = principals;
        this.adminScope = adminScope;
        this.accountId = accountId;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        String target = "-";
        HttpApiResponse response;
        try {
            Optional<byte[]> body = readBody(exchange.getRequestBody());
            if (body.isEmpty()) {
                // The rest of the body is left unread: the connection cannot carry another request.
                response = new HttpApiResponse(413, Map.of("content-type", "application/json", "connection", "close"),
                        List.of(), TOO_LARGE.getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith(ADMIN_PREFIX)) {
                target = "admin";
                response = admin(method, path, exchange.getRequestHeaders(), body.get());
            } else if (cors.isPresent() && Cors.isPreflight(method, exchange.getRequestHeaders())) {
                target = "preflight";
                response = cors.get().preflight(exchange.getRequestHeaders());
            } else {
                Optional<RouteTable.Match> match = routes.match(method, path);
                target = match.map(found -> found.route().functionId()).orElse("-");
                response = match.map(found -> route(exchange, found, body.get())).orElseGet(
                        () -> HttpApiResponse.json(404, NOT_FOUND));
            }
        } catch (RuntimeException e) {
            log.error("{} {} failed in the local API itself", method, path, e);
            response = HttpApiResponse.json(500, HttpApiResponse.INTERNAL_ERROR);
        }
        try {
            write(exchange, response);
        } finally {
            exchange.close();
            log.info("{} {} -> {} {} ({} ms)", method, path, target, response.status(), (System.nanoTime() - started) / 1_000_000);
        }
    }

    private HttpApiResponse route(HttpExchange exchange, RouteTable.Match match, byte[] body) {
        HttpRoute route = match.route();
        Optional<LocalPrincipals.LocalPrincipal> principal = principals.authenticate(
                exchange.getRequestHeaders().getFirst("Authorization"));
        if (route.authorizer().isPresent() && principal.isEmpty()) {
            return HttpApiResponse.json(401, UNAUTHORIZED);
        }
        String requestId = UUID.randomUUID().toString();
        HttpApiEvent.Request request = new HttpApiEvent.Request(exchange.getRequestMethod().toUpperCase(Locale.ROOT),
                exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), new HashMap<>(exchange.getRequestHeaders()),
                body, exchange.getRemoteAddress().getAddress().getHostAddress(), exchange.getLocalAddress().getPort(),
                exchange.getProtocol());
        String event = Json.write(HttpApiEvent.build(request, match,
                new HttpApiEvent.Origin(accountId, "local", requestId, clock.instant()),
                route.authorizer().isPresent() ? principal : Optional.empty()));
        try {
            HttpApiResponse answer = HttpApiResponse.fromResult(functions.get(route.functionId()).invoke(event, requestId));
            return cors.map(configured -> configured.apply(answer, exchange.getRequestHeaders())).orElse(answer);
        } catch (FunctionError e) {
            log.error("{} ({}) threw; API Gateway answers 500", route.functionId(), route.routeKey(), e.getCause());
            return HttpApiResponse.json(500, HttpApiResponse.INTERNAL_ERROR);
        } catch (IllegalArgumentException e) {
            log.error("{} ({}) returned a malformed response: {}", route.functionId(), route.routeKey(), e.getMessage());
            return HttpApiResponse.json(500, HttpApiResponse.INTERNAL_ERROR);
        }
    }

    /**
     * The invoke route answers as Lambda's Invoke API: the function's result, or its error with
     * {@code X-Amz-Function-Error: Unhandled}. It needs an administrator's token: it can run any function with any
     * payload.
     */
    private HttpApiResponse admin(String method, String path, Headers headers, byte[] body) {
        Matcher invoke = INVOKE.matcher(path);
        if (!invoke.matches() || !method.equals("POST")) {
            return HttpApiResponse.json(404, "{\"message\":\"Not Found. The local admin API has POST "
                    + "/_local/functions/{FunctionLogicalId}/invoke\"}");
        }
        if (principals.authenticate(headers.getFirst("Authorization")).filter(found -> found.hasScope(adminScope)).isEmpty()) {
            return HttpApiResponse.json(401, UNAUTHORIZED);
        }
        Optional<LocalFunction> function = functions.find(invoke.group(1));
        if (function.isEmpty()) {
            return HttpApiResponse.json(404, Json.write(Json.object().put("message", "No function " + invoke.group(1)
                    + "; the template has " + functions.all().stream().map(LocalFunction::logicalId).toList())));
        }
        String payload = body.length == 0 ? "{}" : new String(body, StandardCharsets.UTF_8);
        try {
            return HttpApiResponse.json(200, function.get().invoke(payload));
        } catch (FunctionError e) {
            log.error("{} threw when invoked through the admin route", function.get().logicalId(), e.getCause());
            return new HttpApiResponse(200, Map.of("content-type", "application/json", "x-amz-function-error", "Unhandled"),
                    List.of(), e.payload().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The whole body; empty when it is larger than API Gateway accepts. */
    private static Optional<byte[]> readBody(InputStream in) throws IOException {
        try (in) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            return body.length > MAX_BODY_BYTES ? Optional.empty() : Optional.of(body);
        }
    }

    private static void write(HttpExchange exchange, HttpApiResponse response) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        response.cookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
        boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        }
    }
}
