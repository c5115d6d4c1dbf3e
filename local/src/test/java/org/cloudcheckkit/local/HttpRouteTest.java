package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRouteTest {

    private static HttpRoute route(String routeKey) {
        return HttpRoute.parse(routeKey, "Fn", Optional.empty());
    }

    private static RouteTable table(String... routeKeys) {
        return new RouteTable(java.util.Arrays.stream(routeKeys).map(HttpRouteTest::route).toList());
    }

    private static String chosen(RouteTable table, String method, String path) {
        return table.match(method, path).map(match -> match.route().routeKey()).orElse("none");
    }

    @Test
    void anExactPathWinsOverATemplatedOneWhateverTheOrder() {
        RouteTable routes = table("GET /go/requests/{goApiReference}", "GET /go/requests/latest");

        assertEquals("GET /go/requests/latest", chosen(routes, "GET", "/go/requests/latest"));
        assertEquals("GET /go/requests/{goApiReference}", chosen(routes, "GET", "/go/requests/abc"));
    }

    @Test
    void pathParametersAreBoundAndPercentDecoded() {
        RouteTable routes = table("PUT /go/requests/{goApiReference}/recipients/{recipientToken}");

        RouteTable.Match match = routes.match("PUT", "/go/requests/ref%201/recipients/t+k").orElseThrow();

        assertEquals(Map.of("goApiReference", "ref 1", "recipientToken", "t+k"), match.pathParameters());
    }

    @Test
    void theMethodMustMatchAndAnyMatchesAll() {
        RouteTable routes = table("POST /callbacks/go", "ANY /anything");

        assertEquals("none", chosen(routes, "GET", "/callbacks/go"));
        assertEquals("ANY /anything", chosen(routes, "DELETE", "/anything"));
    }

    @Test
    void segmentsMustAllMatchAndParametersMustNotBeEmpty() {
        RouteTable routes = table("GET /go/recipients/{recipientToken}");

        assertEquals("none", chosen(routes, "GET", "/go/recipients"));
        assertEquals("none", chosen(routes, "GET", "/go/recipients/"));
        assertEquals("none", chosen(routes, "GET", "/go/recipients/t/pdf"));
    }

    @Test
    void aGreedyParameterTakesTheRestAndDefaultTakesWhatNothingElseDoes() {
        RouteTable routes = table("$default", "GET /files/{path+}", "GET /files/readme");

        assertEquals("GET /files/readme", chosen(routes, "GET", "/files/readme"));
        assertEquals(Map.of("path", "a/b c"), routes.match("GET", "/files/a/b%20c").orElseThrow().pathParameters());
        assertEquals("$default", chosen(routes, "POST", "/elsewhere"));
    }

    @Test
    void malformedTemplatesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> route("GET /files/{path+}/more"));
        assertThrows(IllegalArgumentException.class, () -> route("GET /files/x{id}"));
        assertThrows(IllegalArgumentException.class, () -> route("/no-method"));
    }

    @Test
    void routesAreOrderedMostSpecificFirst() {
        List<String> order = table("GET /{a}/{b}", "GET /x/{b}", "ANY /x/y", "GET /x/y").routes().stream()
                .map(HttpRoute::routeKey).toList();

        assertEquals(List.of("GET /x/y", "ANY /x/y", "GET /x/{b}", "GET /{a}/{b}"), order);
        assertTrue(route("$default").isDefault());
    }
}
