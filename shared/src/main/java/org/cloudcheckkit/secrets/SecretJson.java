package org.cloudcheckkit.secrets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A secret's JSON value. Parse errors are reported without Jackson's message, which quotes the offending input:
 * here that input is the secret.
 */
public final class SecretJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secretId;
    private final JsonNode root;

    private SecretJson(String secretId, JsonNode root) {
        this.secretId = secretId;
        this.root = root;
    }

    public static SecretJson parse(String secretId, String secretString) {
        if (secretString == null) {
            throw new SecretUnavailableException(secretId, "has no SecretString", null);
        }
        JsonNode root;
        try {
            root = JSON.readTree(secretString);
        } catch (JsonProcessingException e) {
            throw new SecretUnavailableException(secretId, "is not valid JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new SecretUnavailableException(secretId, "is not a JSON object", null);
        }
        return new SecretJson(secretId, root);
    }

    public String requiredText(String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new SecretUnavailableException(secretId, "has no text field '" + field + "'", null);
        }
        return value.asText();
    }

    public Optional<String> optionalText(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new SecretUnavailableException(secretId, "has a field '" + field + "' that is not text", null);
        }
        return Optional.of(value.asText());
    }

    /** An object of text fields (e.g. previous keys by id); empty when absent. */
    public Map<String, String> textFields(String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            throw new SecretUnavailableException(secretId, "has a field '" + field + "' that is not an object", null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new SecretUnavailableException(secretId, "has a field '" + field + "' whose values are not all text", null);
            }
            fields.put(entry.getKey(), entry.getValue().asText());
        });
        return fields;
    }
}
