package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpApiResponseTest {

    @Test
    void aResultWithAStatusCodeIsTheResponse() {
        HttpApiResponse response = HttpApiResponse.fromResult("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"application/json\"},"
                + "\"cookies\":[\"a=1\"],\"body\":\"{\\\"ok\\\":true}\",\"isBase64Encoded\":false}");

        assertEquals(201, response.status());
        assertEquals(Map.of("Content-Type", "application/json"), response.headers());
        assertEquals(List.of("a=1"), response.cookies());
        assertEquals("{\"ok\":true}", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aBase64BodyIsDecoded() {
        HttpApiResponse response = HttpApiResponse.fromResult("{\"statusCode\":200,\"body\":\"JVBERg==\",\"isBase64Encoded\":true}");

        assertArrayEquals("%PDF".getBytes(StandardCharsets.US_ASCII), response.body());
    }

    @Test
    void anyOtherJsonIsTheBodyOfA200() {
        HttpApiResponse response = HttpApiResponse.fromResult("{\"redriven\":3}");

        assertEquals(200, response.status());
        assertEquals("application/json", response.headers().get("content-type"));
        assertEquals("{\"redriven\":3}", new String(response.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aStatusCodeThatIsNoHttpStatusIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> HttpApiResponse.fromResult("{\"statusCode\":\"soon\"}"));
        assertThrows(IllegalArgumentException.class, () -> HttpApiResponse.fromResult("{\"statusCode\":42}"));
    }
}
