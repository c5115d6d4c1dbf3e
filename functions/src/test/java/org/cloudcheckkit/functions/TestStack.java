package org.cloudcheckkit.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.cloudcheckkit.config.Components;
import org.cloudcheckkit.localaws.LocalAws;
import org.cloudcheckkit.sandbox.CloudcheckSandbox;

/**
 * A function's dependencies as Lambda would build them - from its environment in template.yaml - but pointed at moto
 * and the sandbox. Each call makes fresh Components, so a test that changes a secret sees the change.
 */
public final class TestStack {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Nothing listens here: Cloudcheck's callbacks in these tests go nowhere, as if our API were down. */
    public static final String NO_CALLBACKS = "http://127.0.0.1:9";

    private TestStack() {
    }

    public static Components components(LocalAws aws, CloudcheckSandbox sandbox, String functionId) {
        return components(aws, sandbox, functionId, Map.of());
    }

    public static Components components(LocalAws aws, CloudcheckSandbox sandbox, String functionId,
                                        Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>();
        all.put("CLOUDCHECK_BASE_URL", sandbox.baseUrl());
        all.put("CALLBACK_BASE_URL", NO_CALLBACKS);
        all.putAll(overrides);
        return Components.fromEnvironment(aws.functionEnvironment(functionId, all));
    }

    public static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
