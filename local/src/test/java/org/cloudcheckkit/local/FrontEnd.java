package org.cloudcheckkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.cloudcheckkit.contract.Answer;
import org.cloudcheckkit.contract.ApiContract;

/**
 * What the end-to-end tests drive a stack with (one in this JVM, or ./run's): HTTP calls as a front end makes them, and
 * sample bodies from events/.
 */
final class FrontEnd {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    private static final ApiContract CONTRACT = ApiContract.ofRepository();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI apiUrl;
    private final String apiToken;

    FrontEnd(LocalStack stack) {
        this(stack.apiUrl(), stack.apiToken());
    }

    FrontEnd(URI apiUrl, String apiToken) {
        this.apiUrl = apiUrl;
        this.apiToken = apiToken;
    }

    HttpResponse<String> get(String path) {
        return send(authorized(path).GET().build());
    }

    HttpResponse<String> post(String path, String json) {
        return send(posting(path, json).build());
    }

    HttpResponse<String> post(String path, String json, String idempotencyKey) {
        return send(posting(path, json).header("Idempotency-Key", idempotencyKey).build());
    }

    HttpRequest.Builder authorized(String path) {
        return request(path).header("Authorization", "Bearer " + apiToken);
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(apiUrl.resolve(path)).timeout(CALL_TIMEOUT);
    }

    private HttpRequest.Builder posting(String path, String json) {
        return authorized(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    }

    /**
     * Sends a request and checks the answer against openapi.yaml. Answers the API's routes do not give are not checked:
     * CORS preflights, the local stack's operator routes, and a method or path no route has, which the gateway answers
     * itself (OpenApiRoutesTest keeps the document's routes the template's).
     */
    HttpResponse<String> send(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        String path = request.uri().getRawPath();
        if (!request.method().equals("OPTIONS") && CONTRACT.serves(request.method(), path)) {
            Map<String, String> headers = new HashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
            CONTRACT.check(new Answer(request.method(), path, response.statusCode(), headers, response.body()));
        }
        return response;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("No answer to " + request.method() + " " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Downloads a URL the stack handed out (a presigned S3 link), as a browser would. */
    byte[] download(String url) {
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(CALL_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + url + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The JSON body, failing with the whole response when the status is not the expected one. */
    static JsonNode json(HttpResponse<String> response, int expectedStatus) {
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ", not " + expectedStatus + ": " + response.body());
        }
        return Json.parse(response.body());
    }

    /** The body of the sample event {@code events/<name>}, as a front end would send it. */
    static String sampleBody(String name) {
        Path events = Path.of("..", "events", name);
        try {
            return Json.parse(Files.readString(events)).path("body").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + events.toAbsolutePath(), e);
        }
    }

    /** Polls until {@code check} gives a value; fails with {@code what} after {@code limit}. */
    static <T> T await(String what, Duration limit, Supplier<Optional<T>> check) {
        Instant deadline = Instant.now().plus(limit);
        while (true) {
            Optional<T> value = check.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited " + limit.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
