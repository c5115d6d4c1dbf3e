package org.cloudcheckkit.sandbox.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Typed reads of the {@code data} JSON object. Absent and JSON null read as "not given"; a value of the wrong type is
 * a 107 naming the field, a required value that is absent or blank a 102.
 */
public final class RequestData {

    private final ObjectNode json;

    public RequestData(ObjectNode json) {
        this.json = json;
    }

    public ObjectNode json() {
        return json;
    }

    public boolean has(String field) {
        return given(field) != null;
    }

    /** Text, or null when not given. */
    public String text(String field) {
        JsonNode node = given(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw ApiException.badFormat(field, field + " must be a string");
        }
        return node.textValue();
    }

    public String requiredText(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            throw ApiException.missing(field);
        }
        return value;
    }

    /** Throws one 102 naming all of the fields that are absent or blank. */
    public void requireAll(String... fields) {
        List<String> missing = blank(fields);
        if (!missing.isEmpty()) {
            throw ApiException.missing(missing);
        }
    }

    /** The fields that are absent or blank, in the order asked. */
    public List<String> blank(String... fields) {
        List<String> missing = new ArrayList<>();
        for (String field : fields) {
            String value = text(field);
            if (value == null || value.isBlank()) {
                missing.add(field);
            }
        }
        return missing;
    }

    public boolean flag(String field, boolean whenAbsent) {
        JsonNode node = given(field);
        if (node == null) {
            return whenAbsent;
        }
        if (!node.isBoolean()) {
            throw ApiException.badFormat(field, field + " must be true or false");
        }
        return node.booleanValue();
    }

    /** An object, or null when not given. */
    public ObjectNode object(String field) {
        JsonNode node = given(field);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.badFormat(field, field + " must be an object");
        }
        return (ObjectNode) node;
    }

    public ObjectNode requiredObject(String field) {
        ObjectNode value = object(field);
        if (value == null) {
            throw ApiException.missing(field);
        }
        return value;
    }

    /** An array, or null when not given. */
    public ArrayNode array(String field) {
        JsonNode node = given(field);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.badFormat(field, field + " must be an array");
        }
        return (ArrayNode) node;
    }

    /** A list of strings; 102 when absent or empty. */
    public List<String> requiredTextList(String field) {
        ArrayNode array = array(field);
        if (array == null || array.isEmpty()) {
            throw ApiException.missing(field);
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isTextual() || item.textValue().isBlank()) {
                throw ApiException.badFormat(field, field + " must hold non-blank strings");
            }
            values.add(item.textValue());
        }
        return values;
    }

    /** An http(s) URL, or null when not given; seed 000 and 002 both require the protocol. */
    public String url(String field) {
        String value = text(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!isHttpUrl(value)) {
            throw ApiException.badFormat(field, field + " must be an absolute http:// or https:// URL");
        }
        return value;
    }

    public String requiredUrl(String field) {
        requiredText(field);
        return url(field);
    }

    private JsonNode given(String field) {
        JsonNode node = json.get(field);
        return node == null || node.isNull() ? null : node;
    }

    private static boolean isHttpUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return false;
        }
        try {
            return new URI(value).getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
