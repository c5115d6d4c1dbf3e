package org.cloudcheckkit.local;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.cloudcheckkit.localaws.FunctionEvent;
import org.cloudcheckkit.localaws.HttpApiResource;
import org.cloudcheckkit.localaws.ServerlessFunction;
import org.cloudcheckkit.localaws.StackTemplate;

/**
 * Every route of the template's HTTP APIs, from its functions' HttpApi events, and which one a request takes. Routes of
 * several APIs are served together locally, so two APIs must not declare the same route.
 */
public final class RouteTable {

    private static final String NO_AUTHORIZER = "NONE";

    private final List<HttpRoute> routes;

    RouteTable(List<HttpRoute> routes) {
        List<HttpRoute> ordered = new ArrayList<>(routes);
        ordered.sort(HttpRoute::bySpecificity);
        this.routes = List.copyOf(ordered);
    }

    /**
     * @param claims the claims a valid token for an authorizer would carry, from its resolved configuration
     */
    public static RouteTable from(StackTemplate template, Function<HttpApiResource.Authorizer, Map<String, String>> claims) {
        Map<String, HttpApiResource> apis = new LinkedHashMap<>();
        template.httpApis().forEach(api -> apis.put(api.logicalId(), api));
        Map<String, HttpRoute> byKey = new LinkedHashMap<>();
        for (ServerlessFunction function : template.functions()) {
            for (FunctionEvent event : function.events()) {
                if (!(event instanceof FunctionEvent.HttpApi httpEvent)) {
                    continue;
                }
                String where = function.logicalId() + " event " + event.name();
                HttpApiResource api = apis.get(apiId(httpEvent, where));
                if (api == null) {
                    throw new IllegalStateException(where + " names ApiId " + httpEvent.apiId().orElseThrow()
                            + ", which is not an AWS::Serverless::HttpApi of the template");
                }
                Optional<HttpRoute.RouteAuthorizer> authorizer = authorizer(httpEvent, api)
                        .map(found -> new HttpRoute.RouteAuthorizer(found.name(), claims.apply(found)));
                HttpRoute route = HttpRoute.parse(httpEvent.routeKey(), function.logicalId(), authorizer);
                HttpRoute clash = byKey.putIfAbsent(route.routeKey(), route);
                if (clash != null) {
                    throw new IllegalStateException("Route " + route.routeKey() + " is declared by both " + clash.functionId()
                            + " and " + function.logicalId() + "; one local API cannot serve both");
                }
            }
        }
        return new RouteTable(new ArrayList<>(byKey.values()));
    }

    /** The most specific route for the request, with its path parameters (decoded). */
    public Optional<Match> match(String method, String rawPath) {
        List<String> segments = Arrays.asList(rawPath.substring(rawPath.startsWith("/") ? 1 : 0).split("/", -1));
        for (HttpRoute route : routes) {
            Optional<Map<String, String>> parameters = route.match(method, segments);
            if (parameters.isPresent()) {
                return Optional.of(new Match(route, parameters.get()));
            }
        }
        return Optional.empty();
    }

    /** Most specific first. */
    public List<HttpRoute> routes() {
        return routes;
    }

    /** A request's route and the values of its path parameters. */
    public record Match(HttpRoute route, Map<String, String> pathParameters) {

        public Match {
            pathParameters = Map.copyOf(pathParameters);
        }
    }

    /** The Ref'd API, or SAM's implicit one when the event names none. */
    private static String apiId(FunctionEvent.HttpApi event, String where) {
        if (event.apiId().isEmpty()) {
            return HttpApiResource.IMPLICIT_API_ID;
        }
        if (event.apiId().get() instanceof Map<?, ?> reference && reference.size() == 1 && reference.get("Ref") instanceof String id) {
            return id;
        }
        throw new IllegalStateException(where + ": ApiId must be a Ref to an HttpApi of the template to run locally, not "
                + event.apiId().get());
    }

    /** The event's own Auth.Authorizer, else the API's default; NONE opens the route. */
    private static Optional<HttpApiResource.Authorizer> authorizer(FunctionEvent.HttpApi event, HttpApiResource api) {
        Optional<String> name = event.authorizer().or(api::defaultAuthorizer);
        if (name.isEmpty() || name.get().equals(NO_AUTHORIZER)) {
            return Optional.empty();
        }
        HttpApiResource.Authorizer found = api.authorizers().get(name.get());
        // AWS_IAM is not declared under Authorizers; locally it is a bearer check like any other.
        return Optional.of(found != null ? found : new HttpApiResource.Authorizer(name.get(), Map.of()));
    }
}
