package org.cloudcheckkit.cloudcheck;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.cloudcheckkit.cloudcheck.go.RecipientOutcome;

/** Reads Cloudcheck's answers: JSON with or without an error object, or a binary body checked by its first bytes. */
final class Answers {
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZIP_MAGIC = {'P', 'K'};

    private final ObjectMapper json;
    private final int maxJsonBytes;

    Answers(ObjectMapper json, int maxJsonBytes) {
        this.json = json;
        this.maxJsonBytes = maxJsonBytes;
    }

    /** A JSON answer with no error in it, the raw text kept beside the tree. */
    record JsonAnswer(JsonNode root, String raw) {
        String text(String field) {
            JsonNode value = root.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }

    /** Thrown for a 5xx or 429 that carries no Cloudcheck error object. */
    static final class UnansweredStatus extends Exception {
        final int status;
        final String retryAfter;

        UnansweredStatus(int status, String retryAfter) {
            super("HTTP " + status, null, false, false);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }

    JsonAnswer json(Endpoint endpoint, HttpTransport.Response response) throws UnansweredStatus, IOException {
        String raw;
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(maxJsonBytes + 1);
            if (bytes.length > maxJsonBytes) {
                throw new CloudcheckProtocolException(endpoint.path, "answer larger than " + maxJsonBytes + " bytes", null);
            }
            raw = new String(bytes, StandardCharsets.UTF_8);
        }
        JsonNode root = parse(endpoint, response, raw);
        CloudcheckApiException error = errorIn(endpoint.path, root, response.status());
        if (error != null) {
            throw error;
        }
        if (response.status() >= 500 || response.status() == 429) {
            throw new UnansweredStatus(response.status(), response.retryAfter());
        }
        if (response.status() >= 300) {
            throw new CloudcheckProtocolException(endpoint.path, "HTTP " + response.status() + " without an error object", null);
        }
        return new JsonAnswer(root, raw);
    }

    private JsonNode parse(Endpoint endpoint, HttpTransport.Response response, String raw) throws UnansweredStatus {
        JsonNode root = null;
        JsonProcessingException malformed = null;
        try {
            root = json.readTree(raw);
        } catch (JsonProcessingException e) {
            malformed = e;
        }
        if (root != null && root.isObject()) {
            return root;
        }
        // A gateway in front of Cloudcheck answers 502/503 with HTML; that is an outage, not a protocol error.
        if (response.status() >= 500 || response.status() == 429) {
            throw new UnansweredStatus(response.status(), response.retryAfter());
        }
        throw new CloudcheckProtocolException(endpoint.path,
                "HTTP " + response.status() + " answer is not a JSON object (" + response.mediaType() + ")", malformed);
    }

    /**
     * A PDF or zip, checked by its first bytes, or - when Cloudcheck answered with JSON instead - that JSON.
     * A JSON error is thrown as {@link CloudcheckApiException}.
     */
    Object binaryOrJson(Endpoint endpoint, HttpTransport.Response response, String expectedMediaType)
            throws UnansweredStatus, IOException {
        String mediaType = response.mediaType();
        if (mediaType.equals(expectedMediaType) && response.status() == 200) {
            byte[] magic = expectedMediaType.equals("application/pdf") ? PDF_MAGIC : ZIP_MAGIC;
            InputStream body = response.body();
            byte[] head = body.readNBytes(magic.length);
            if (!Arrays.equals(head, magic)) {
                body.close();
                throw new CloudcheckProtocolException(endpoint.path, expectedMediaType + " answer does not start with "
                        + new String(magic, StandardCharsets.US_ASCII), null);
            }
            return new Download(mediaType, response.contentLength(),
                    new SequenceInputStream(new ByteArrayInputStream(head), body));
        }
        if (mediaType.equals("application/json") || mediaType.endsWith("+json") || response.status() >= 400) {
            return json(endpoint, response);
        }
        response.body().close();
        throw new CloudcheckProtocolException(endpoint.path,
                "expected " + expectedMediaType + " or JSON, got '" + mediaType + "' (HTTP " + response.status() + ")", null);
    }

    /** The error object at the top level or one level down, or null when the answer is not an error. */
    static CloudcheckApiException errorIn(String path, JsonNode root, int httpStatus) {
        if (isErrorObject(root)) {
            return apiException(path, root, nestedRecipientCode(root), httpStatus);
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            JsonNode value = fields.next().getValue();
            if (isErrorObject(value)) {
                return apiException(path, value, null, httpStatus);
            }
        }
        return null;
    }

    private static boolean isErrorObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        JsonNode error = node.get("error");
        return error != null && (error.isNumber() || (error.isTextual() && !error.asText().isBlank()));
    }

    private static CloudcheckApiException apiException(String path, JsonNode errorObject, String nestedCode, int httpStatus) {
        JsonNode error = errorObject.get("error");
        Integer numeric = null;
        String recipientCode = nestedCode;
        if (error.isNumber()) {
            numeric = error.asInt();
        } else if (error.asText().strip().matches("\\d{3}")) {
            numeric = Integer.parseInt(error.asText().strip());
        } else {
            recipientCode = error.asText();
        }
        JsonNode message = errorObject.get("message");
        return new CloudcheckApiException(path, numeric, recipientCode,
                message == null ? "" : message.asText(),
                list(errorObject.get("fields")), list(errorObject.get("errorDetail")), httpStatus,
                outcomes(errorObject.get("recipients")));
    }

    /** add-recipient and quicksend put the recipient's own code one level under the numeric error. */
    private static String nestedRecipientCode(JsonNode root) {
        JsonNode recipient = root.get("recipient");
        if (recipient != null && recipient.isObject() && recipient.path("error").isTextual()) {
            return recipient.get("error").asText();
        }
        return null;
    }

    static List<String> list(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(item -> values.add(item.asText()));
            return values;
        }
        for (String part : node.asText().split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }

    static List<RecipientOutcome> outcomes(JsonNode recipients) {
        List<RecipientOutcome> outcomes = new ArrayList<>();
        if (recipients == null || !recipients.isArray()) {
            return outcomes;
        }
        for (JsonNode recipient : recipients) {
            String reference = textOrNull(recipient, "reference");
            if (isErrorObject(recipient) || recipient.hasNonNull("error")) {
                outcomes.add(new RecipientOutcome.Rejected(reference, recipient.path("error").asText(),
                        textOrNull(recipient, "message")));
            } else {
                outcomes.add(new RecipientOutcome.Accepted(reference, textOrNull(recipient, "recipientToken"),
                        textOrNull(recipient, "link"), textOrNull(recipient, "status")));
            }
        }
        return outcomes;
    }

    static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
