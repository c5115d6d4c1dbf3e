package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The local API over real HTTP, in front of test handlers: what API Gateway does around a function. */
class LocalHttpApiTest {

    private static final String TOKEN = "test-token";
    private static final HttpRoute.RouteAuthorizer JWT = new HttpRoute.RouteAuthorizer("Jwt", Map.of("iss", "local"));
    private static HttpServer server;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        RouteTable routes = new RouteTable(List.of(
                HttpRoute.parse("POST /things/{id}", "Echo", Optional.of(JWT)),
                HttpRoute.parse("POST /hooks", "Echo", Optional.empty()),
                HttpRoute.parse("GET /broken", "Failing", Optional.empty()),
                HttpRoute.parse("GET /malformed", "Malformed", Optional.empty())));
        LocalFunctions functions = LocalFunctions.of(List.of(
                function("Echo", TestHandlers.EchoEvent.class), function("Failing", TestHandlers.Failing.class),
                function("Malformed", TestHandlers.Malformed.class)));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", new LocalHttpApi(routes, Optional.empty(), functions,
                LocalPrincipals.of(TOKEN, "partner-token=partner-1:cloudcheck/read", "cloudcheck/admin"), "cloudcheck/admin",
                "123456789012", Clock.systemUTC()));
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static LocalFunction function(String id, Class<?> handler) {
        return LocalFunction.load(new LocalFunction.Definition(id, "stack-" + id, "arn:aws:lambda:::function:stack-" + id,
                handler.getName() + "::handleRequest", Duration.ofSeconds(10), 256, Map.of()),
                LocalHttpApiTest.class.getClassLoader(), Clock.systemUTC());
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery));
    }

    private static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theHandlerGetsTheRouteParametersQueryHeadersAndBodyAndItsResponseIsWrittenBack() throws Exception {
        HttpResponse<String> response = send(request("/things/a%20b?x=1&x=2").header("Authorization", "Bearer " + TOKEN)
                .header("X-Custom", "yes").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"k\":1}")).build());

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(List.of("seen=1"), response.headers().allValues("Set-Cookie"));
        JsonNode event = Json.parse(response.body());
        assertEquals("POST /things/{id}", event.path("routeKey").asText());
        assertEquals("a b", event.path("pathParameters").path("id").asText());
        assertEquals("1,2", event.path("queryStringParameters").path("x").asText());
        assertEquals("yes", event.path("headers").path("x-custom").asText());
        assertEquals("{\"k\":1}", event.path("body").asText());
        assertEquals("local-dev", event.path("requestContext").path("authorizer").path("jwt").path("claims").path("sub").asText());
    }

    @Test
    void eachLocalTokenStandsForItsOwnPrincipal() throws Exception {
        for (Map.Entry<String, String> token : Map.of(LocalPrincipals.USER_A_TOKEN, "user-a", LocalPrincipals.USER_B_TOKEN,
                "user-b", "partner-token", "partner-1").entrySet()) {
            HttpResponse<String> response = send(request("/things/1").header("Authorization", "Bearer " + token.getKey())
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            JsonNode jwt = Json.parse(response.body()).path("requestContext").path("authorizer").path("jwt");
            assertEquals(token.getValue(), jwt.path("claims").path("sub").asText());
        }
        HttpResponse<String> partner = send(request("/things/1").header("Authorization", "Bearer partner-token")
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals("cloudcheck/read", Json.parse(partner.body()).path("requestContext").path("authorizer").path("jwt")
                .path("scopes").get(0).asText(), "LOCAL_API_TOKENS gives scopes too");
    }

    @Test
    void onlyAnAdministratorsTokenMayInvokeFunctionsThroughTheAdminRoute() throws Exception {
        HttpResponse<String> user = send(request("/_local/functions/Echo/invoke").header("Authorization",
                "Bearer " + LocalPrincipals.USER_A_TOKEN).POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> admin = send(request("/_local/functions/Echo/invoke").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

        assertEquals(401, user.statusCode());
        assertEquals(200, admin.statusCode(), admin.body());
    }

    @Test
    void aBinaryBodyReachesTheHandlerBase64Encoded() throws Exception {
        byte[] bytes = {0, (byte) 0xFF, 'P', 'K'};

        HttpResponse<String> response = send(request("/hooks").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());

        JsonNode event = Json.parse(response.body());
        assertTrue(event.path("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(bytes), event.path("body").asText());
    }

    @Test
    void authorizedRoutesNeedTheBearerTokenAndOpenRoutesDoNot() throws Exception {
        HttpResponse<String> without = send(request("/things/1").POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> lowerCase = send(request("/things/1").header("Authorization", "bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        HttpResponse<String> open = send(request("/hooks").POST(HttpRequest.BodyPublishers.noBody()).build());

        assertEquals(401, without.statusCode());
        assertEquals("{\"message\":\"Unauthorized\"}", without.body());
        assertEquals(200, lowerCase.statusCode(), "the scheme is case-insensitive");
        assertEquals(200, open.statusCode());
        assertFalse(Json.parse(open.body()).path("requestContext").has("authorizer"));
    }

    @Test
    void noRouteIs404AndAFailingOrMalformedHandlerIs500() throws Exception {
        HttpResponse<String> missing = send(request("/nothing").GET().build());
        HttpResponse<String> wrongMethod = send(request("/hooks").GET().build());
        HttpResponse<String> failing = send(request("/broken").GET().build());
        HttpResponse<String> malformed = send(request("/malformed").GET().build());

        assertEquals(404, missing.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", missing.body());
        assertEquals(404, wrongMethod.statusCode());
        assertEquals(500, failing.statusCode());
        assertEquals("{\"message\":\"Internal Server Error\"}", failing.body());
        assertEquals(500, malformed.statusCode());
    }

    @Test
    void aBodyAboveApiGatewaysLimitIs413() throws Exception {
        byte[] tooLarge = new byte[10 * 1024 * 1024 + 1];

        HttpResponse<String> response = send(request("/hooks").POST(HttpRequest.BodyPublishers.ofByteArray(tooLarge)).build());

        assertEquals(413, response.statusCode());
    }

    @Test
    void theAdminRouteInvokesByLogicalIdWithTheToken() throws Exception {
        HttpResponse<String> failing = send(request("/_local/functions/Failing/invoke").header("Authorization", "Bearer " + TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> anonymous = send(request("/_local/functions/Failing/invoke")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        HttpResponse<String> elsewhere = send(request("/_local/other").header("Authorization", "Bearer " + TOKEN).GET().build());

        assertEquals(200, failing.statusCode());
        assertEquals("Unhandled", failing.headers().firstValue("X-Amz-Function-Error").orElse(""));
        assertEquals("handler bug", Json.parse(failing.body()).path("errorMessage").asText());
        assertEquals(401, anonymous.statusCode());
        assertEquals(404, elsewhere.statusCode());
        assertTrue(elsewhere.body().contains("invoke"), "it names the admin route it has");
    }
}
