package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.Headers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cloudcheckkit.localaws.HttpApiResource;
import org.junit.jupiter.api.Test;

/** The template's CorsConfiguration as API Gateway applies it to what a function answers. */
class CorsTest {
    private static final Map<String, Object> CONFIGURATION = Map.of("AllowOrigins", List.of("https://app.example.nz"),
            "AllowMethods", List.of("GET", "POST"), "ExposeHeaders", List.of("retry-after"), "MaxAge", 600);

    private static Optional<Cors> cors(Map<String, Object> configuration) {
        return Cors.of(List.of(new HttpApiResource("Api", Map.of(), Optional.empty(),
                Map.of("CorsConfiguration", configuration))), Optional::of);
    }

    private static Headers from(String origin) {
        Headers headers = new Headers();
        headers.add("Origin", origin);
        return headers;
    }

    @Test
    void theApisCorsHeadersReplaceAnyAFunctionSetsAndOtherHeadersStay() {
        HttpApiResponse answer = new HttpApiResponse(503, Map.of("Retry-After", "5", "Access-Control-Allow-Origin", "*"),
                List.of(), new byte[0]);

        HttpApiResponse sent = cors(CONFIGURATION).orElseThrow().apply(answer, from("https://app.example.nz"));

        assertEquals(Map.of("Retry-After", "5", "access-control-allow-origin", "https://app.example.nz",
                "access-control-expose-headers", "retry-after"), sent.headers());
    }

    @Test
    void anAnswerToAnOriginNotAllowedCarriesNoCorsHeadersAtAll() {
        HttpApiResponse answer = new HttpApiResponse(200, Map.of("Access-Control-Allow-Origin", "*"), List.of(), new byte[0]);

        assertEquals(Map.of(), cors(CONFIGURATION).orElseThrow().apply(answer, from("https://elsewhere.example")).headers());
    }

    @Test
    void anApiThatAllowsEveryOriginAnswersStar() {
        Headers preflight = from("http://localhost:5173");
        preflight.add("Access-Control-Request-Method", "POST");

        HttpApiResponse answer = cors(Map.of("AllowOrigins", "*", "AllowMethods", "*")).orElseThrow().preflight(preflight);

        assertEquals(204, answer.status());
        assertEquals(Map.of("access-control-allow-origin", "*", "access-control-allow-methods", "*"), answer.headers());
    }

    @Test
    void apisWithoutCorsHaveNoneAndTwoThatDifferCannotShareOnePort() {
        assertEquals(Optional.empty(), Cors.of(List.of(new HttpApiResource("Api", Map.of(), Optional.empty(), Map.of())),
                Optional::of));
        List<HttpApiResource> two = List.of(
                new HttpApiResource("One", Map.of(), Optional.empty(), Map.of("CorsConfiguration", CONFIGURATION)),
                new HttpApiResource("Two", Map.of(), Optional.empty(), Map.of("CorsConfiguration", Map.of("AllowOrigins", "*"))));

        assertThrows(IllegalStateException.class, () -> Cors.of(two, Optional::of));
    }
}
