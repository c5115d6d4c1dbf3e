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

/**
 * Reads Cloudcheck's answers: JSON with or without an error object, or a PDF or zip recognised by its first bytes.
 * Only the bytes decide what an answer is: seeds 000 and 002 say to check the Content-Type, but promise no exact value
 * for it, and an error is JSON whatever type it is labelled with.
 */
final class Answers {
    /**
     * Seed 000's only description of a stale results zip: "this call will result in a 'Missing or invalid token'
     * error". It names no code and no shape, so the message alone marks an error.
     */
    static final String MISSING_OR_INVALID_TOKEN = "Missing or invalid token";

    /** What a binary endpoint serves, and the bytes every such document starts with. */
    enum Document {
        PDF("application/pdf", new byte[] {'%', 'P', 'D', 'F', '-'}, "%PDF-"),
        // A zip's first local file header; Cloudcheck's zip holds at least one PDF.
        ZIP("application/zip", new byte[] {'P', 'K', 3, 4}, "PK\\3\\4");

        final String mediaType;
        private final byte[] magic;
        private final String magicShown;

        Document(String mediaType, byte[] magic, String magicShown) {
            this.mediaType = mediaType;
            this.magic = magic;
            this.magicShown = magicShown;
        }

        String describe() {
            return mediaType + " (starting with " + magicShown + ")";
        }
    }

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

        /** The field's text, or {@code fallback} when the answer leaves it out or empty. */
        String textOr(String field, String fallback) {
            String value = text(field);
            return value == null || value.isEmpty() ? fallback : value;
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
        return json(endpoint, response, null);
    }

    /** @param instead the document a binary endpoint was expected to serve instead of JSON, or null */
    private JsonAnswer json(Endpoint endpoint, HttpTransport.Response response, Document instead)
            throws UnansweredStatus, IOException {
        String raw;
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(maxJsonBytes + 1);
            if (bytes.length > maxJsonBytes) {
                throw new CloudcheckProtocolException(endpoint.path, "answer larger than " + maxJsonBytes + " bytes", null);
            }
            raw = new String(bytes, StandardCharsets.UTF_8);
        }
        JsonNode root = parse(endpoint, response, raw, instead);
        CloudcheckApiException error = errorIn(endpoint.path, root, response.status(), endpoint.answersInSections());
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

    private JsonNode parse(Endpoint endpoint, HttpTransport.Response response, String raw, Document instead)
            throws UnansweredStatus {
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
        String expected = instead == null ? "a JSON object" : "neither " + instead.describe() + " nor a JSON object";
        throw new CloudcheckProtocolException(endpoint.path, "HTTP " + response.status() + " answer is " + expected
                + " (declared '" + response.mediaType() + "')", malformed);
    }

    /**
     * The document when a successful answer starts with its bytes, whatever its Content-Type; otherwise the answer is
     * read as JSON (a JSON error is thrown as {@link CloudcheckApiException}), and what is neither is a protocol error.
     */
    Object documentOrJson(Endpoint endpoint, HttpTransport.Response response, Document expected)
            throws UnansweredStatus, IOException {
        InputStream body = response.body();
        byte[] head = body.readNBytes(expected.magic.length);
        InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), body);
        if (response.status() / 100 == 2 && Arrays.equals(head, expected.magic)) {
            return new Download(expected.mediaType, response.contentType(), response.contentLength(), whole);
        }
        return json(endpoint, response.withBody(whole), expected);
    }

    /**
     * The error object at the top level or one level down (seed 001), or null when the answer is not an error. In an
     * answer made of sections ({@code keepSectionErrors}: /go/result/, /akahu/result/), an error one level down is
     * one section's, kept with the result, as long as the answer has anything else that makes it a result - a status,
     * or a section that is not an error; an echoed token or reference beside the error does not.
     */
    static CloudcheckApiException errorIn(String path, JsonNode root, int httpStatus, boolean keepSectionErrors) {
        if (isErrorObject(root)) {
            return apiException(path, root, nestedRecipientCode(root), httpStatus);
        }
        JsonNode nestedError = null;
        boolean resultBesideIt = root.hasNonNull("status");
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            JsonNode value = fields.next().getValue();
            if (isErrorObject(value)) {
                nestedError = nestedError == null ? value : nestedError;
            } else if (value.isContainerNode()) {
                resultBesideIt = true;
            }
        }
        if (nestedError == null || keepSectionErrors && resultBesideIt) {
            return null;
        }
        return apiException(path, nestedError, null, httpStatus);
    }

    /** The errors one level down in an answer that {@link #errorIn} took for a result. */
    static List<SectionError> sectionErrors(JsonNode root) {
        List<SectionError> errors = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (isErrorObject(field.getValue())) {
                JsonNode error = field.getValue();
                errors.add(new SectionError(field.getKey(), error.path("error").asText(""), error.path("message").asText("")));
            }
        }
        return errors;
    }

    /** An object with an {@code error} code, or whose message is seed 000's "Missing or invalid token". */
    private static boolean isErrorObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            return false;
        }
        JsonNode error = node.get("error");
        return error != null && (error.isNumber() || (error.isTextual() && !error.asText().isBlank()))
                || isMissingOrInvalidToken(node.path("message").asText(""));
    }

    static boolean isMissingOrInvalidToken(String message) {
        return message != null && message.strip().equalsIgnoreCase(MISSING_OR_INVALID_TOKEN);
    }

    private static CloudcheckApiException apiException(String path, JsonNode errorObject, String nestedCode, int httpStatus) {
        JsonNode error = errorObject.path("error");
        Integer numeric = null;
        String recipientCode = nestedCode;
        String message = errorObject.path("message").asText("");
        if (error.isNumber()) {
            numeric = error.asInt();
        } else if (error.asText("").strip().matches("\\d{3}")) {
            numeric = Integer.parseInt(error.asText().strip());
        } else if (error.asText("").strip().matches("[A-Z][A-Z_]*")) {
            recipientCode = error.asText().strip();
        } else if (message.isEmpty()) {
            // Not a code: the text itself is the description, e.g. {"error": "Missing or invalid token"}.
            message = error.asText("");
        }
        return new CloudcheckApiException(path, numeric, recipientCode, message,
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
