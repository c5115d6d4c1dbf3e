package org.cloudcheckkit.functions;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The sample events in events/ (the same files {@code sam local invoke -e} takes), read with the serializer Lambda's
 * Java runtime itself uses, and adjusted per test: a real goApiReference or token in place of the placeholder, a
 * changed body, another header.
 */
public final class SampleEvents {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final APIGatewayV2HTTPEvent event;

    private SampleEvents(APIGatewayV2HTTPEvent event) {
        this.event = event;
    }

    /**
     * The sample as a new request: an Idempotency-Key it carries is replaced by a fresh one, since a key stands for
     * one request only (a test that repeats a request sets its key itself).
     */
    public static SampleEvents load(String name) {
        SampleEvents sample;
        try {
            String text = Files.readString(eventsDirectory().resolve(name), StandardCharsets.UTF_8);
            sample = new SampleEvents(LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class,
                    SampleEvents.class.getClassLoader()).fromJson(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> headers = sample.event.getHeaders();
        return headers != null && headers.containsKey("idempotency-key")
                ? sample.header("idempotency-key", java.util.UUID.randomUUID().toString()) : sample;
    }

    /** The events/ directory, found by walking up from the working directory (module or project root). */
    public static Path eventsDirectory() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            if (Files.isDirectory(directory.resolve("events")) && Files.isRegularFile(directory.resolve("template.yaml"))) {
                return directory.resolve("events");
            }
        }
        throw new IllegalStateException("no events/ beside a template.yaml above " + Path.of("").toAbsolutePath());
    }

    public SampleEvents pathParameter(String name, String value) {
        Map<String, String> parameters = new HashMap<>(event.getPathParameters());
        parameters.put(name, value);
        event.setPathParameters(parameters);
        event.setRawPath(event.getRawPath().replace("REPLACE-" + name, value));
        return this;
    }

    public SampleEvents queryParameter(String name, String value) {
        Map<String, String> parameters = event.getQueryStringParameters() == null ? new HashMap<>()
                : new HashMap<>(event.getQueryStringParameters());
        if (value == null) {
            parameters.remove(name);
        } else {
            parameters.put(name, value);
        }
        event.setQueryStringParameters(parameters);
        return this;
    }

    public SampleEvents header(String name, String value) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        event.setHeaders(headers);
        return this;
    }

    /** The JWT's subject, as API Gateway's authorizer passes it on: who the caller is. */
    public SampleEvents principal(String subject) {
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("sub", subject);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return this;
    }

    /** A claim of the JWT, as the authorizer passes it on (the tenant claim, say). */
    public SampleEvents claim(String name, String value) {
        Map<String, String> claims = new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put(name, value);
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return this;
    }

    /** The JWT's scopes, as the authorizer lists them. */
    public SampleEvents scopes(String... scopes) {
        event.getRequestContext().getAuthorizer().getJwt().setScopes(java.util.List.of(scopes));
        return this;
    }

    public SampleEvents body(String body) {
        event.setBody(body);
        return this;
    }

    /** The JSON body, changed in place. */
    public SampleEvents editBody(Consumer<ObjectNode> change) {
        ObjectNode body = (ObjectNode) jsonBody();
        change.accept(body);
        event.setBody(body.toString());
        return this;
    }

    public JsonNode jsonBody() {
        try {
            return JSON.readTree(event.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public APIGatewayV2HTTPEvent event() {
        return event;
    }
}
