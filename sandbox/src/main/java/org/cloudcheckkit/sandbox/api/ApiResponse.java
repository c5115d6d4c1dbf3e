package org.cloudcheckkit.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;

/** What an operation answers: JSON, or a document streamed to the client. */
public sealed interface ApiResponse {

    /** Always HTTP 200: errors are thrown as {@link ApiException}. */
    record Json(JsonNode body) implements ApiResponse {
    }

    /** Written straight to the response with chunked encoding, so its size never has to be held in memory. */
    record Document(String contentType, String fileName, BodyWriter body) implements ApiResponse {
    }

    @FunctionalInterface
    interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    static ApiResponse ok(JsonNode body) {
        return new Json(body);
    }

    static ApiResponse pdf(String fileName, BodyWriter body) {
        return new Document("application/pdf", fileName, body);
    }

    /** @param contentType {@code application/zip}, unless a wire variant says otherwise */
    static ApiResponse zip(String contentType, String fileName, BodyWriter body) {
        return new Document(contentType, fileName, body);
    }
}
