package org.cloudcheckkit.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** An HTTP answer as a test sees it. */
record ApiResponse(int status, String contentType, byte[] body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + text(), e);
        }
    }

    String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The Cloudcheck error code, or 0. */
    int error() {
        return contentType != null && contentType.startsWith("application/json") ? json().path("error").asInt(0) : 0;
    }

    @Override
    public String toString() {
        return status + " " + contentType + " " + (contentType != null && contentType.startsWith("application/pdf")
                ? body.length + " bytes" : text());
    }
}
