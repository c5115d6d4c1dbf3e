package org.cloudcheckkit.cloudcheck;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An HTTP server that answers each Cloudcheck path with exactly the bytes a test gives it, for answer shapes the
 * sandbox does not serve: the client under test makes its real, signed calls over HTTP and reads these bytes as it
 * would read Cloudcheck's. Signatures are not checked; a path without an answer gets 404 with no body.
 */
final class CannedCloudcheck implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, Canned> answers = new ConcurrentHashMap<>();

    private record Canned(int status, String contentType, byte[] body) {
    }

    CannedCloudcheck() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                Canned canned = answers.get(exchange.getRequestURI().getPath());
                if (canned == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                if (canned.contentType() != null) {
                    exchange.getResponseHeaders().set("Content-Type", canned.contentType());
                }
                exchange.sendResponseHeaders(canned.status(), canned.body().length == 0 ? -1 : canned.body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(canned.body());
                }
            }
        });
        server.start();
    }

    /** Every call to {@code path} is answered with this status, content type (null: none) and body. */
    CannedCloudcheck answer(String path, int status, String contentType, byte[] body) {
        answers.put(path, new Canned(status, contentType, body.clone()));
        return this;
    }

    CannedCloudcheck json(String path, int status, String json) {
        return answer(path, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    String baseUrl() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
