package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpApiEventTest {

    private static final Instant TIME = Instant.parse("2026-11-22T09:00:00Z");
    private static final HttpApiEvent.Origin ORIGIN = new HttpApiEvent.Origin("123456789012", "local", "request-1", TIME);
    private static final LocalPrincipals.LocalPrincipal USER_A = new LocalPrincipals.LocalPrincipal("t", "user-a",
            List.of("cloudcheck/read", "cloudcheck/admin"));

    private static APIGatewayV2HTTPEvent event(HttpRoute route, String method, String path, String query,
                                               Map<String, List<String>> headers, String body) {
        RouteTable.Match match = new RouteTable(List.of(route)).match(method, path).orElseThrow();
        HttpApiEvent.Request request = new HttpApiEvent.Request(method, path, query, headers,
                body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), "10.0.0.9", 3000, "HTTP/1.1");
        Optional<LocalPrincipals.LocalPrincipal> caller = route.authorizer().map(authorizer -> USER_A);
        String json = Json.write(HttpApiEvent.build(request, match, ORIGIN, caller));
        // Read back as Lambda's Java runtime reads it for the handler.
        return LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, HttpApiEventTest.class.getClassLoader()).fromJson(json);
    }

    private static Map<String, List<String>> headers(String... namesAndValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.computeIfAbsent(namesAndValues[i], name -> new java.util.ArrayList<>()).add(namesAndValues[i + 1]);
        }
        return headers;
    }

    private static final HttpRoute SEND = HttpRoute.parse("POST /go/requests/{goApiReference}/send", "SendFunction",
            Optional.of(new HttpRoute.RouteAuthorizer("FrontEndJwt", Map.of("iss", "https://issuer.invalid/"))));
    private static final HttpRoute CALLBACK = HttpRoute.parse("POST /callbacks/go", "WebhookReceiptFunction", Optional.empty());

    @Test
    void carriesTheRouteKeyPathParametersAndRequestContextAsApiGatewayDoes() {
        APIGatewayV2HTTPEvent event = event(SEND, "POST", "/go/requests/ref%2D1/send", "",
                headers("Host", "127.0.0.1:3000", "User-Agent", "test/1", "Content-Type", "application/json"), "{\"test\":false}");

        assertEquals("2.0", event.getVersion());
        assertEquals("POST /go/requests/{goApiReference}/send", event.getRouteKey());
        assertEquals("/go/requests/ref%2D1/send", event.getRawPath());
        assertEquals(Map.of("goApiReference", "ref-1"), event.getPathParameters());
        assertEquals("{\"test\":false}", event.getBody());
        assertFalse(event.getIsBase64Encoded());
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        assertEquals("123456789012", context.getAccountId());
        assertEquals("127.0.0.1:3000", context.getDomainName());
        assertEquals("request-1", context.getRequestId());
        assertEquals("$default", context.getStage());
        assertEquals("POST /go/requests/{goApiReference}/send", context.getRouteKey());
        assertEquals("22/Nov/2026:09:00:00 +0000", context.getTime());
        assertEquals(TIME.toEpochMilli(), context.getTimeEpoch());
        assertEquals("POST", context.getHttp().getMethod());
        assertEquals("10.0.0.9", context.getHttp().getSourceIp());
        assertEquals("test/1", context.getHttp().getUserAgent());
        assertEquals("https://issuer.invalid/", context.getAuthorizer().getJwt().getClaims().get("iss"));
        assertEquals("user-a", context.getAuthorizer().getJwt().getClaims().get("sub"), "the caller's principal");
        assertEquals("cloudcheck/read cloudcheck/admin", context.getAuthorizer().getJwt().getClaims().get("scope"));
        assertEquals(List.of("cloudcheck/read", "cloudcheck/admin"), context.getAuthorizer().getJwt().getScopes());
    }

    @Test
    void headersAreLowerCasedWithRepeatsJoinedAndCookiesApart() {
        APIGatewayV2HTTPEvent event = event(CALLBACK, "POST", "/callbacks/go", null,
                headers("X-Trace", "a", "X-Trace", "b", "Cookie", "one=1; two=2"), null);

        assertEquals("a,b", event.getHeaders().get("x-trace"));
        assertEquals(List.of("one=1", "two=2"), event.getCookies());
        assertFalse(event.getHeaders().containsKey("cookie"));
        assertEquals("10.0.0.9", event.getHeaders().get("x-forwarded-for"));
        assertNull(event.getBody(), "no body, no body field");
        assertNull(event.getRequestContext().getAuthorizer(), "an open route has no authorizer context");
    }

    @Test
    void queryParametersAreDecodedWithRepeatsJoinedAndTheRawStringKept() {
        APIGatewayV2HTTPEvent event = event(CALLBACK, "POST", "/callbacks/go", "status=Not%20Sent&t=a&t=b&flag", headers(), null);

        assertEquals("status=Not%20Sent&t=a&t=b&flag", event.getRawQueryString());
        assertEquals(Map.of("status", "Not Sent", "t", "a,b", "flag", ""), event.getQueryStringParameters());
    }

    @Test
    void aFormOrBinaryBodyIsBase64AndTextIsNot() {
        String form = "cid=1&t=2";
        APIGatewayV2HTTPEvent formEvent = event(CALLBACK, "POST", "/callbacks/go", null,
                headers("Content-Type", "application/x-www-form-urlencoded"), form);
        APIGatewayV2HTTPEvent textEvent = event(CALLBACK, "POST", "/callbacks/go", null,
                headers("Content-Type", "text/plain; charset=utf-8"), form);

        assertTrue(formEvent.getIsBase64Encoded());
        assertEquals(form, new String(Base64.getDecoder().decode(formEvent.getBody()), StandardCharsets.UTF_8));
        assertFalse(textEvent.getIsBase64Encoded());
        assertEquals(form, textEvent.getBody());
    }

    @Test
    void textualContentTypes() {
        assertTrue(HttpApiEvent.isText("application/json"));
        assertTrue(HttpApiEvent.isText("application/problem+json"));
        assertTrue(HttpApiEvent.isText("text/html; charset=utf-8"));
        assertTrue(HttpApiEvent.isText("application/xml"));
        assertTrue(HttpApiEvent.isText("application/javascript"));
        assertFalse(HttpApiEvent.isText("application/octet-stream"));
        assertFalse(HttpApiEvent.isText("application/x-www-form-urlencoded"));
        assertFalse(HttpApiEvent.isText(null));
    }
}
