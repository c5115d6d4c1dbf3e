package org.cloudcheckkit.sandbox.api;

import java.util.HexFormat;
import java.security.NoSuchAlgorithmException;
import java.security.MessageDigest;
import java.security.DigestOutputStream;
import java.net.URLDecoder;
import java.io.FilterOutputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.cloudcheckkit.sandbox.fault.ApiFault;
import org.cloudcheckkit.sandbox.fault.FaultPlan;

/**
 * The HTTP side of the Cloudcheck API: reads parameters, injects any pending fault, authenticates, runs the endpoint's
 * operation and writes its answer. Domain lookups that find nothing throw {@link NoSuchElementException} (answered 105);
 * operations the current state refuses throw {@link IllegalStateException} (answered 107).
 */
public final class ApiHandler implements HttpHandler {

    private static final System.Logger LOG = System.getLogger(ApiHandler.class.getName());
    private static final int MAXIMUM_BODY_BYTES = 16 * 1024 * 1024;
    private static final int STREAM_BUFFER_BYTES = 64 * 1024;
    private static final String FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
    private static final String JSON_CONTENT_TYPE = "application/json; charset=utf-8";
    private static final byte[] GATEWAY_ERROR_PAGE = ("<html><head><title>500 Internal Server Error</title></head>"
            + "<body><h1>Internal Server Error</h1></body></html>").getBytes(StandardCharsets.UTF_8);

    /**
     * An answer decided but not yet written: the call is recorded in between, so whoever has read the answer finds
     * the call in the log.
     */
    private record Reply(int httpStatus, int error, Writer writer) {
        /** Closing the exchange without writing anything drops the connection. */
        static final Reply NONE = new Reply(0, 0, exchange -> { });

        interface Writer {
            void writeTo(HttpExchange exchange) throws IOException;
        }
    }

    /** The unparsed parameters: the query of a GET, the body of a form POST. */
    private record RawForm(String text, boolean tooLarge) {
        String key() {
            try {
                return tooLarge ? null : FormParameters.parse(text).value("key");
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private final Map<String, ApiEndpoint> endpointsByPath;
    private final RequestAuthenticator authenticator;
    private final FaultPlan faults;
    private final CallLog calls;
    private final Clock requestClock;
    private final Consumer<String> events;

    public ApiHandler(List<ApiEndpoint> endpoints, RequestAuthenticator authenticator, FaultPlan faults,
                      CallLog calls, Clock requestClock, Consumer<String> events) {
        this.endpointsByPath = endpoints.stream().collect(Collectors.toUnmodifiableMap(ApiEndpoint::path,
                Function.identity()));
        this.authenticator = authenticator;
        this.faults = faults;
        this.calls = calls;
        this.requestClock = requestClock;
        this.events = events;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            Instant at = requestClock.instant();
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            ApiEndpoint endpoint = endpointsByPath.get(path);
            RawForm form = read(exchange, method);
            calls.arrived(path);
            ApiFault fault = endpoint == null ? null : faults.take(path).orElse(null);
            Reply reply = fault == null ? answer(endpoint, method, form) : injected(fault, endpoint, method, form);
            CallRecord call = new CallRecord(at, method, path, form.key(), reply.error(), reply.httpStatus(),
                    fault == null ? null : fault.kind().name());
            calls.record(call);
            events.accept(describe(call));
            reply.writer().writeTo(exchange);
        } catch (IOException e) {
            // A client that has gone (after a TIMEOUT fault, say) does not change what the call answered.
            events.accept("Client went away from " + exchange.getRequestURI().getPath() + ": " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    private Reply injected(ApiFault fault, ApiEndpoint endpoint, String method, RawForm form) {
        return switch (fault.kind()) {
            // Interrupted only when the sandbox is stopping: the call is then abandoned.
            case TIMEOUT -> pause(fault.delay()) ? answer(endpoint, method, form) : Reply.NONE;
            case DROP_CONNECTION -> Reply.NONE;
            case HTTP_500 -> bytes(500, "text/html; charset=utf-8", GATEWAY_ERROR_PAGE, 0);
            case ERROR_111 -> error(ApiException.of(ErrorCode.QUERY_FAILED));
            case ERROR_112 -> error(ApiException.of(ErrorCode.QUERY_NOT_PERFORMED));
            case ERROR_113 -> error(ApiException.of(ErrorCode.OPERATION_FAILED));
            case JSON_ERROR_INSTEAD_OF_BINARY -> json(200, ApiException.of(ErrorCode.QUERY_FAILED).body(),
                    ErrorCode.QUERY_FAILED.number());
        };
    }

    private Reply answer(ApiEndpoint endpoint, String method, RawForm form) {
        if (endpoint == null) {
            return json(404, message("No Cloudcheck API endpoint at this path"), 0);
        }
        if (!endpoint.method().equals(method)) {
            Reply refusal = json(405, message("Use " + endpoint.method() + " for " + endpoint.path()), 0);
            return new Reply(405, 0, exchange -> {
                exchange.getResponseHeaders().set("Allow", endpoint.method());
                refusal.writer().writeTo(exchange);
            });
        }
        ApiResponse response;
        try {
            response = endpoint.operation().apply(authenticator.authenticate(endpoint, parse(form)));
        } catch (ApiException e) {
            return error(e);
        } catch (NoSuchElementException e) {
            return error(ApiException.of(ErrorCode.UNKNOWN_TOKEN).withDetail(e.getMessage()));
        } catch (IllegalStateException e) {
            return error(ApiException.of(ErrorCode.INVALID_FORMAT).withDetail(e.getMessage()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Unexpected failure in " + endpoint.path(), e);
            return error(ApiException.of(ErrorCode.OPERATION_FAILED).withDetail(e.toString()));
        }
        if (response instanceof ApiResponse.Json json) {
            return json(200, json.body(), 0);
        }
        return streamed(endpoint.path(), subject(form), (ApiResponse.Document) response);
    }

    private static FormParameters parse(RawForm form) {
        if (form.tooLarge()) {
            throw ApiException.of(ErrorCode.INVALID_FORMAT).withDetail("the request body is larger than 16 MiB");
        }
        try {
            return FormParameters.parse(form.text());
        } catch (IllegalArgumentException e) {
            throw ApiException.of(ErrorCode.INVALID_FORMAT).withDetail("malformed URL encoding: " + e.getMessage());
        }
    }

    private static RawForm read(HttpExchange exchange, String method) throws IOException {
        if (!"POST".equals(method)) {
            return new RawForm(exchange.getRequestURI().getRawQuery(), false);
        }
        try (InputStream body = exchange.getRequestBody()) {
            byte[] bytes = body.readNBytes(MAXIMUM_BODY_BYTES + 1);
            if (bytes.length > MAXIMUM_BODY_BYTES) {
                return new RawForm(null, true);
            }
            String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
            boolean isForm = contentType != null
                    && contentType.toLowerCase(Locale.ROOT).startsWith(FORM_CONTENT_TYPE);
            // WIRE.md: a POST that is not a form has no fields, so it is answered 102.
            return new RawForm(isForm ? new String(bytes, StandardCharsets.UTF_8) : "", false);
        }
    }

    /**
     * Chunked, straight from the document's writer: nothing of its size is held in memory. The bytes are hashed on
     * their way out and the document logged once all are sent.
     */
    private Reply streamed(String path, String subject, ApiResponse.Document document) {
        return new Reply(200, 0, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", document.contentType());
            exchange.getResponseHeaders().set("Content-Disposition",
                    "attachment; filename=\"" + document.fileName() + "\"");
            exchange.sendResponseHeaders(200, 0);
            MessageDigest digest = sha256();
            long[] size = {0};
            try (OutputStream out = new BufferedOutputStream(new DigestOutputStream(new FilterOutputStream(
                    exchange.getResponseBody()) {
                @Override
                public void write(byte[] bytes, int offset, int length) throws IOException {
                    out.write(bytes, offset, length);
                    size[0] += length;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    size[0]++;
                }
            }, digest), STREAM_BUFFER_BYTES)) {
                document.body().writeTo(out);
            }
            calls.recordDocument(new ServedDocument(requestClock.instant(), path, subject, document.contentType(),
                    HexFormat.of().formatHex(digest.digest()), size[0]));
        });
    }

    /** The token or goApiReference a document was asked for. */
    private static String subject(RawForm form) {
        if (form.text() == null) {
            return null;
        }
        for (String pair : form.text().split("&")) {
            if (pair.startsWith("token=") || pair.startsWith("goApiReference=")) {
                return URLDecoder.decode(pair.substring(pair.indexOf('=') + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static Reply error(ApiException error) {
        return json(error.code().httpStatus(), error.body(), error.code().number());
    }

    private static Reply json(int status, JsonNode body, int error) {
        return bytes(status, JSON_CONTENT_TYPE, body.toString().getBytes(StandardCharsets.UTF_8), error);
    }

    private static Reply bytes(int status, String contentType, byte[] body, int error) {
        return new Reply(status, error, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", contentType);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private static JsonNode message(String text) {
        return JsonNodeFactory.instance.objectNode().put("message", text);
    }

    private static boolean pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String describe(CallRecord call) {
        StringBuilder line = new StringBuilder()
                .append(call.method()).append(' ').append(call.path())
                .append(" key=").append(call.key())
                .append(" -> ").append(call.httpStatus() == 0 ? "no response" : String.valueOf(call.httpStatus()));
        if (call.error() != 0) {
            line.append(" error ").append(call.error());
        }
        if (call.fault() != null) {
            line.append(" (injected ").append(call.fault()).append(')');
        }
        return line.toString();
    }
}
