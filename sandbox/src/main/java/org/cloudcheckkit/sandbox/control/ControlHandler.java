package org.cloudcheckkit.sandbox.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cloudcheckkit.sandbox.account.ApiCredential;
import org.cloudcheckkit.sandbox.akahu.AkahuStatus;
import org.cloudcheckkit.sandbox.api.FormParameters;
import org.cloudcheckkit.sandbox.callback.CallbackFault;
import org.cloudcheckkit.sandbox.clock.DurationParser;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.go.RecipientStatus;
import org.cloudcheckkit.sandbox.go.VerificationOutcome;
import org.cloudcheckkit.sandbox.variant.WireVariant;

/**
 * The control API: JSON over HTTP under {@code /_sandbox/}, one route per {@link SandboxControl} operation. Answers 400
 * for bad input, 404 for unknown tokens, 409 when the current state refuses the operation.
 */
public final class ControlHandler implements HttpHandler {

    public static final String PREFIX = "/_sandbox/";

    private static final System.Logger LOG = System.getLogger(ControlHandler.class.getName());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String TOKEN = "([^/]+)";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new SimpleModule()
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addSerializer(Duration.class, ToStringSerializer.instance))
            .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    @FunctionalInterface
    private interface Action {
        Object run(Matcher path, JsonNode body, FormParameters query);
    }

    private record Route(String method, Pattern path, Action action) {
    }

    private final SandboxControl sandbox;
    private final List<Route> routes;

    public ControlHandler(SandboxControl sandbox) {
        this.sandbox = sandbox;
        this.routes = List.of(
                route("GET", "settings", (path, body, query) -> settings()),
                route("POST", "settings", (path, body, query) -> changeSettings(body)),
                route("POST", "reset", (path, body, query) -> {
                    sandbox.reset();
                    return settings();
                }),
                route("GET", "clock", (path, body, query) -> clock()),
                route("POST", "clock/advance", (path, body, query) -> {
                    sandbox.advanceClock(DurationParser.parse(required(body, "duration")));
                    return clock();
                }),
                route("GET", "go/recipients/" + TOKEN, (path, body, query) -> sandbox.recipient(path.group(1))),
                route("POST", "go/recipients/" + TOKEN + "/complete", (path, body, query) -> {
                    sandbox.completeRecipient(path.group(1), VerificationOutcome.parse(required(body, "outcome")));
                    return sandbox.recipient(path.group(1));
                }),
                route("POST", "go/recipients/" + TOKEN + "/status", (path, body, query) -> {
                    sandbox.setRecipientStatus(path.group(1), RecipientStatus.parse(required(body, "status")));
                    return sandbox.recipient(path.group(1));
                }),
                route("GET", "akahu/" + TOKEN, (path, body, query) -> sandbox.akahuRequest(path.group(1))),
                route("POST", "akahu/" + TOKEN + "/complete", (path, body, query) -> {
                    sandbox.completeAkahu(path.group(1), AkahuStatus.parse(required(body, "status")));
                    return sandbox.akahuRequest(path.group(1));
                }),
                route("POST", "account-webhooks", (path, body, query) -> {
                    sandbox.sendAccountWebhook(required(body, "requestType"), required(body, "eventType"),
                            required(body, "reference"));
                    return NODES.objectNode().put("sent", true);
                }),
                route("POST", "faults", (path, body, query) -> {
                    String apiPath = required(body, "path");
                    int count = body.path("count").asInt(1);
                    sandbox.failNext(apiPath, count, apiFault(body));
                    return NODES.objectNode().put("path", apiPath).put("count", count)
                            .put("fault", required(body, "fault"));
                }),
                route("POST", "callback-faults", (path, body, query) -> {
                    CallbackFault fault = callbackFault(body);
                    sandbox.failNextCallbacks(fault);
                    return fault;
                }),
                route("GET", "documents", (path, body, query) -> sandbox.servedDocuments()),
                route("GET", "calls", (path, body, query) -> query.isPresent("path")
                        ? sandbox.calls().stream().filter(call -> call.path().equals(query.value("path"))).toList()
                        : sandbox.calls()),
                route("GET", "callbacks", (path, body, query) -> sandbox.callbackDeliveries()));
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            List<Route> onPath = routes.stream().filter(route -> route.path().matcher(path).matches()).toList();
            if (onPath.isEmpty()) {
                send(exchange, 404, message("No control operation at " + path + "; see the sandbox README"));
                return;
            }
            Route route = onPath.stream().filter(r -> r.method().equals(exchange.getRequestMethod())).findFirst()
                    .orElse(null);
            if (route == null) {
                exchange.getResponseHeaders().set("Allow", onPath.get(0).method());
                send(exchange, 405, message("Use " + onPath.get(0).method() + " for " + path));
                return;
            }
            Matcher matcher = route.path().matcher(path);
            matcher.matches();
            send(exchange, 200, route.action().run(matcher, body(exchange),
                    FormParameters.parse(exchange.getRequestURI().getRawQuery())));
        } catch (JsonProcessingException e) {
            send(exchange, 400, message("The body is not valid JSON: " + e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, message(e.getMessage()));
        } catch (NoSuchElementException e) {
            send(exchange, 404, message(e.getMessage()));
        } catch (IllegalStateException e) {
            send(exchange, 409, message(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure in the control API", e);
            send(exchange, 500, message(e.toString()));
        } finally {
            exchange.close();
        }
    }

    private ObjectNode settings() {
        ObjectNode settings = NODES.objectNode().put("baseUrl", sandbox.baseUrl());
        for (ApiCredential credential : sandbox.credentials()) {
            ObjectNode key = settings.withArray("apiKeys").addObject().put("key", credential.key());
            credential.services().forEach(service -> key.withArray("services").add(service.wireName()));
        }
        URI webhook = sandbox.accountWebhookUrl();
        settings.put("accountWebhookUrl", webhook == null ? null : webhook.toString())
                .put("pdfPaddingBytes", sandbox.pdfPaddingBytes())
                .put("pdfJobDelay", sandbox.pdfJobDelay().toString())
                .put("simulationTime", sandbox.simulationTime().toString())
                .put("clockOffset", sandbox.clockOffset().toString());
        ArrayNode variants = settings.putArray("variants");
        sandbox.variants().forEach(variant -> variants.add(variant.name()));
        return settings;
    }

    /**
     * Changes only the settings the body names; {@code "accountWebhookUrl": null} stops account webhooks, and
     * {@code "variants"} replaces the wire variants served ({@code []} for none). Bad variants are refused before
     * anything changes.
     */
    private ObjectNode changeSettings(JsonNode body) {
        Set<WireVariant> variants = body.has("variants") ? variants(body.get("variants")) : null;
        if (body.has("pdfPaddingBytes")) {
            JsonNode padding = body.get("pdfPaddingBytes");
            if (!padding.canConvertToLong()) {
                throw new IllegalArgumentException("pdfPaddingBytes must be a whole number");
            }
            sandbox.pdfPaddingBytes(padding.longValue());
        }
        if (body.has("pdfJobDelay")) {
            sandbox.pdfJobDelay(DurationParser.parse(required(body, "pdfJobDelay")));
        }
        if (body.has("accountWebhookUrl")) {
            JsonNode url = body.get("accountWebhookUrl");
            sandbox.accountWebhookUrl(url.isNull() ? null : URI.create(url.asText()));
        }
        if (variants != null) {
            sandbox.variants(variants);
        }
        return settings();
    }

    /** An array of names, e.g. {@code ["CREATE_WITHOUT_TOKENS","ZIP_AS_OCTET_STREAM"]}, checked for rivals. */
    private static Set<WireVariant> variants(JsonNode names) {
        if (!names.isArray()) {
            throw new IllegalArgumentException("variants must be an array of names, e.g. [\"CREATE_WITHOUT_TOKENS\"]");
        }
        List<WireVariant> variants = new ArrayList<>();
        for (JsonNode name : names) {
            if (!name.isTextual()) {
                throw new IllegalArgumentException("variants must be an array of names");
            }
            variants.add(WireVariant.parse(name.textValue()));
        }
        return WireVariant.checked(variants);
    }

    private ObjectNode clock() {
        return NODES.objectNode()
                .put("simulationTime", sandbox.simulationTime().toString())
                .put("offset", sandbox.clockOffset().toString());
    }

    private static ApiFault apiFault(JsonNode body) {
        ApiFault.Kind kind = kind(ApiFault.Kind.class, required(body, "fault"));
        return body.has("delay") ? new ApiFault(kind, DurationParser.parse(required(body, "delay")))
                : ApiFault.of(kind);
    }

    private static CallbackFault callbackFault(JsonNode body) {
        CallbackFault.Kind kind = kind(CallbackFault.Kind.class, required(body, "fault"));
        int count = body.path("count").asInt(1);
        return switch (kind) {
            case DROP -> CallbackFault.drop(count);
            case DUPLICATE -> CallbackFault.duplicate(count, body.path("copies").asInt(2));
            case DELAY -> CallbackFault.delay(count, DurationParser.parse(required(body, "delay")));
            case REORDER -> CallbackFault.reorder(count);
        };
    }

    private static <E extends Enum<E>> E kind(Class<E> kinds, String name) {
        for (E kind : kinds.getEnumConstants()) {
            if (kind.name().equalsIgnoreCase(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("fault must be one of " + Arrays.toString(kinds.getEnumConstants()));
    }

    private static String required(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value.asText();
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length == 0) {
                return NODES.objectNode();
            }
            JsonNode body = JSON.readTree(bytes);
            if (!body.isObject()) {
                throw new IllegalArgumentException("The body must be a JSON object");
            }
            return body;
        }
    }

    private static ObjectNode message(String text) {
        return NODES.objectNode().put("message", text);
    }

    private static void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Route route(String method, String path, Action action) {
        return new Route(method, Pattern.compile(Pattern.quote(PREFIX) + path), action);
    }
}
