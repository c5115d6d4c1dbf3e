package org.cloudcheckkit.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalFunctionTest {

    private static LocalFunction load(Class<?> handler, String method) {
        LocalFunction.Definition definition = new LocalFunction.Definition("EchoFunction", "stack-EchoFunction",
                "arn:aws:lambda:ap-southeast-2:123456789012:function:stack-EchoFunction", handler.getName() + method,
                Duration.ofSeconds(30), 512, Map.of("TABLE_NAME", "stack-Table"));
        return LocalFunction.load(definition, LocalFunctionTest.class.getClassLoader(), Clock.systemUTC());
    }

    @Test
    void buildsTheHandlerFromItsOwnEnvironmentAndInvokesItJsonInJsonOut() throws FunctionError {
        LocalFunction function = load(TestHandlers.Echo.class, "::handleRequest");

        JsonNode result = Json.parse(function.invoke("{\"redrive\":\"failed\"}", "request-7"));

        assertEquals("failed", result.path("redrive").asText());
        assertEquals("stack-Table", result.path("table").asText(), "Components came from the function's environment");
        assertEquals("request-7", result.path("requestId").asText());
        assertEquals("stack-EchoFunction", result.path("functionName").asText());
        int remaining = result.path("remainingMillis").asInt();
        assertTrue(remaining > 29_000 && remaining <= 30_000, "the Context counts down from Timeout: " + remaining);
    }

    @Test
    void theMethodDefaultsToHandleRequest() throws FunctionError {
        assertEquals("stack-Table", Json.parse(load(TestHandlers.Echo.class, "").invoke("{}")).path("table").asText());
    }

    @Test
    void eventClassesAreReadAndWrittenWithLambdasSerializers() throws FunctionError {
        LocalFunction function = load(TestHandlers.Http.class, "::handleRequest");

        JsonNode response = Json.parse(function.invoke("{\"version\":\"2.0\",\"routeKey\":\"GET /x\",\"rawPath\":\"/x\"}"));

        assertEquals(202, response.path("statusCode").asInt());
        assertEquals("GET /x", response.path("body").asText());
        assertEquals("text/plain", response.path("headers").path("Content-Type").asText());
    }

    @Test
    void aHandlerThatThrowsIsAFunctionErrorWithLambdasPayload() {
        LocalFunction function = load(TestHandlers.Echo.class, "::handleRequest");

        FunctionError error = assertThrows(FunctionError.class, () -> function.invoke("{\"fail\":\"no table\"}"));

        JsonNode payload = Json.parse(error.payload());
        assertEquals("no table", payload.path("errorMessage").asText());
        assertEquals(IllegalStateException.class.getName(), payload.path("errorType").asText());
    }

    @Test
    void aPayloadThatDoesNotFitTheInputTypeIsAFunctionError() {
        LocalFunction function = load(TestHandlers.Echo.class, "::handleRequest");

        assertThrows(FunctionError.class, () -> function.invoke("[1, 2]"));
    }

    @Test
    void aHandlerWithoutAComponentsConstructorIsRefusedAtLoad() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> load(TestHandlers.NoComponents.class, "::handleRequest"));

        assertTrue(refused.getMessage().contains("Components"), refused.getMessage());
    }

    @Test
    void anUnknownClassOrMethodIsRefusedAtLoad() {
        assertThrows(IllegalStateException.class, () -> load(TestHandlers.Echo.class, "::handle"));
        LocalFunction.Definition missing = new LocalFunction.Definition("F", "f", "arn", "no.such.Handler::handleRequest",
                Duration.ofSeconds(3), 128, Map.of());
        assertThrows(IllegalStateException.class, () -> LocalFunction.load(missing, getClass().getClassLoader(), Clock.systemUTC()));
    }
}
