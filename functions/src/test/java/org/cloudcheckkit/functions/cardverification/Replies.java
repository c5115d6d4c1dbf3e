package org.cloudcheckkit.functions.cardverification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/** Reading the route's answers and the log lines a call writes. */
final class Replies {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Replies() {
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON: " + response.getBody(), e);
        }
    }

    /** Asserts a failure's status, cause and code; returns its error object. */
    static JsonNode assertError(APIGatewayV2HTTPResponse response, int status, String cause, String code) {
        assertEquals(status, response.getStatusCode(), response.getBody());
        JsonNode error = body(response).get("error");
        assertEquals(cause, error.get("cause").asText(), response.getBody());
        assertEquals(code, error.get("code").asText(), response.getBody());
        return error;
    }

    /** A call's result, and everything written to stdout and stderr (where slf4j-simple logs) while it ran. */
    record Logged<T>(T result, String log) {
    }

    static <T> Logged<T> logged(Supplier<T> call) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            T result = call.get();
            return new Logged<>(result, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }
}
