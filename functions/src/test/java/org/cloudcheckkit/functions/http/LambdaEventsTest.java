package org.cloudcheckkit.functions.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.cloudcheckkit.functions.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP handlers read their events with the function's own Jackson instead of Lambda's serializer: for every sample
 * in events/, both must see the same request, and API Gateway must find its field names in what is written back.
 */
class LambdaEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> httpSamples() throws IOException {
        return Files.list(SampleEvents.eventsDirectory()).sorted()
                .filter(file -> read(file).has("routeKey"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpSamples")
    void everySampleReadsAsLambdasOwnSerializerReadsIt(Path sample) throws IOException {
        byte[] bytes = Files.readAllBytes(sample);

        APIGatewayV2HTTPEvent ours = LambdaEvents.readHttpEvent(new ByteArrayInputStream(bytes));
        APIGatewayV2HTTPEvent lambdas = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                getClass().getClassLoader()).fromJson(new String(bytes, StandardCharsets.UTF_8));

        assertEquals(lambdas.getRouteKey(), ours.getRouteKey());
        assertEquals(lambdas.getRawPath(), ours.getRawPath());
        assertEquals(lambdas.getRawQueryString(), ours.getRawQueryString());
        assertEquals(lambdas.getHeaders(), ours.getHeaders());
        assertEquals(lambdas.getQueryStringParameters(), ours.getQueryStringParameters());
        assertEquals(lambdas.getPathParameters(), ours.getPathParameters());
        assertEquals(lambdas.getBody(), ours.getBody());
        assertEquals(lambdas.getIsBase64Encoded(), ours.getIsBase64Encoded());
        assertEquals(lambdas.getRequestContext().getDomainName(), ours.getRequestContext().getDomainName());
        assertEquals(lambdas.getRequestContext().getStage(), ours.getRequestContext().getStage());
        assertEquals(lambdas.getRequestContext().getRequestId(), ours.getRequestContext().getRequestId());
        assertEquals(lambdas.getRequestContext().getHttp().getMethod(), ours.getRequestContext().getHttp().getMethod());
        assertEquals(lambdas.getRequestContext().getHttp().getSourceIp(), ours.getRequestContext().getHttp().getSourceIp());
        assertEquals(lambdas.getCookies(), ours.getCookies());
        assertEquals(lambdas.getStageVariables(), ours.getStageVariables());
        assertEquals(lambdas.getRequestContext().getTimeEpoch(), ours.getRequestContext().getTimeEpoch());
        assertEquals(lambdas.getRequestContext().getHttp(), ours.getRequestContext().getHttp());
        if (lambdas.getRequestContext().getAuthorizer() != null) {
            assertEquals(lambdas.getRequestContext().getAuthorizer().getJwt(), ours.getRequestContext().getAuthorizer().getJwt());
        }
    }

    @Test
    void theResponseCarriesApiGatewaysFieldNames() throws IOException {
        APIGatewayV2HTTPResponse response = APIGatewayV2HTTPResponse.builder().withStatusCode(201)
                .withHeaders(Map.of("Content-Type", "application/json")).withBody("{\"a\":1}").withIsBase64Encoded(false)
                .build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        LambdaEvents.writeHttpResponse(response, out);

        JsonNode written = JSON.readTree(out.toByteArray());
        assertEquals(Set.of("statusCode", "headers", "body", "isBase64Encoded"), fieldNames(written));
        APIGatewayV2HTTPResponse readBack = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class,
                getClass().getClassLoader()).fromJson(out.toString(StandardCharsets.UTF_8));
        assertEquals(201, readBack.getStatusCode());
        assertEquals("{\"a\":1}", readBack.getBody());
        assertEquals(List.of("application/json"), List.of(readBack.getHeaders().get("Content-Type")));
        // As the function's mapper wrote the whole bean (null fields left out).
        assertEquals(org.cloudcheckkit.cloudcheck.CloudcheckJson.newMapper().valueToTree(response), written);
    }

    private static Set<String> fieldNames(JsonNode node) {
        java.util.Set<String> names = new java.util.HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
