package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Signs and sends Cloudcheck API calls the way seed 001 says, with the test signer. */
final class ApiClient {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final String baseUrl;
    private final String key;
    private final String secret;

    ApiClient(String baseUrl, String key, String secret) {
        this.baseUrl = baseUrl;
        this.key = key;
        this.secret = secret;
    }

    static ApiClient forDefaultKey(CloudcheckSandbox sandbox) {
        return new ApiClient(sandbox.baseUrl(), SandboxConfig.DEFAULT_KEY, SandboxConfig.DEFAULT_SECRET);
    }

    static ApiClient forAllServicesKey(CloudcheckSandbox sandbox) {
        return new ApiClient(sandbox.baseUrl(), SandboxConfig.ALL_SERVICES_KEY, SandboxConfig.ALL_SERVICES_SECRET);
    }

    /** Key, a fresh nonce, the current timestamp and the subject parameter, unsigned. */
    Map<String, String> parameters(String subjectName, String subjectValue) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("key", key);
        parameters.put("nonce", UUID.randomUUID().toString());
        parameters.put("timestamp", String.valueOf(System.currentTimeMillis()));
        parameters.put(subjectName, subjectValue);
        return parameters;
    }

    Map<String, String> signed(String path, Map<String, String> parameters) {
        Map<String, String> signed = new LinkedHashMap<>(parameters);
        signed.put("signature", TestSigner.sign(secret, path, parameters));
        return signed;
    }

    ApiResponse post(String path, String data) {
        return send("POST", path, signed(path, parameters("data", data)));
    }

    ApiResponse post(String path, JsonNode data) {
        return post(path, data.toString());
    }

    ApiResponse get(String path, String parameter, String value) {
        return send("GET", path, signed(path, parameters(parameter, value)));
    }

    /** POSTs and expects success. */
    JsonNode postOk(String path, JsonNode data) {
        return ok(post(path, data));
    }

    JsonNode getOk(String path, String parameter, String value) {
        return ok(get(path, parameter, value));
    }

    /** Sends the parameters as they are: a form body for POST, the query string otherwise. */
    ApiResponse send(String method, String path, Map<String, String> parameters) {
        if (method.equals("POST")) {
            return postForm(path, form(parameters));
        }
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path + "?" + form(parameters)))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build());
    }

    ApiResponse postForm(String path, String form) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build());
    }

    static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
    }

    ApiResponse exchange(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new ApiResponse(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode ok(ApiResponse response) {
        assertEquals(200, response.status(), response::toString);
        return response.json();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
