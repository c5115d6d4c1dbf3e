package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.localaws.FunctionEvent;
import org.cloudcheckkit.localaws.StackTemplate;
import org.cloudcheckkit.localaws.TemplateLocation;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    private static final String TEMPLATE = """
            Resources:
              Api:
                Type: AWS::Serverless::HttpApi
                Properties:
                  Auth:
                    DefaultAuthorizer: Jwt
                    Authorizers:
                      Jwt:
                        JwtConfiguration: {issuer: https://issuer.example/}
              Guarded:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Guarded::handleRequest
                  Events:
                    Read: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: GET, Path: "/things/{id}"}}
              Open:
                Type: AWS::Serverless::Function
                Properties:
                  Handler: example.Open::handleRequest
                  Events:
                    Hook: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: POST, Path: /hooks, Auth: {Authorizer: NONE}}}
                    Tick: {Type: Schedule, Properties: {Schedule: rate(1 minute)}}
            """;

    private static RouteTable routes(String template) {
        return RouteTable.from(StackTemplate.parse(template, "test"), authorizer -> Map.of("sub", "local-user", "by", authorizer.name()));
    }

    @Test
    void routesComeFromHttpApiEventsWithTheApisDefaultAuthorizerUnlessNone() {
        RouteTable routes = routes(TEMPLATE);

        HttpRoute guarded = routes.match("GET", "/things/7").orElseThrow().route();
        HttpRoute open = routes.match("POST", "/hooks").orElseThrow().route();

        assertEquals("Guarded", guarded.functionId());
        assertEquals(Optional.of(new HttpRoute.RouteAuthorizer("Jwt", Map.of("sub", "local-user", "by", "Jwt"))), guarded.authorizer());
        assertEquals("Open", open.functionId());
        assertFalse(open.authorizer().isPresent());
        assertEquals(2, routes.routes().size(), "the Schedule event is no route");
    }

    @Test
    void twoFunctionsDeclaringOneRouteAreRefused() {
        String clash = TEMPLATE.replace("Path: /hooks", "Path: \"/things/{id}\"").replace("Method: POST", "Method: GET");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> routes(clash));

        assertTrue(refused.getMessage().contains("GET /things/{id}"), refused.getMessage());
    }

    @Test
    void everyHttpApiEventOfTheProjectTemplateIsARoute() {
        StackTemplate template = StackTemplate.read(TemplateLocation.find(Optional.empty(), Path.of("")));
        long events = template.functions().stream().flatMap(function -> function.events().stream())
                .filter(FunctionEvent.HttpApi.class::isInstance).count();

        RouteTable routes = RouteTable.from(template, authorizer -> Map.of());

        assertEquals(events, routes.routes().size());
        assertFalse(routes.match("POST", "/verification/initiate-verification").orElseThrow().route().authorizer().isPresent(),
                "the mobile app's route is open (Authorizer: NONE)");
        assertTrue(routes.match("POST", "/go/requests").orElseThrow().route().authorizer().isPresent(),
                "front-end routes take the default JWT authorizer");
    }
}
