package org.cloudcheckkit.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Walks one JSON object of a request body, recording a {@link Problem} for each field that is unknown, of the wrong
 * type, missing or too long, and handing back the values that are usable so that later rules can look at them.
 * Checks on an absent object report nothing: its absence was reported already, or it was optional.
 */
public final class JsonObjectCheck {
    private final Problems problems;
    private final String path;
    private final JsonNode node;

    private JsonObjectCheck(Problems problems, String path, JsonNode node) {
        this.problems = problems;
        this.path = path;
        this.node = node;
    }

    /** The body's root; a body that is not a JSON object is itself a problem. */
    public static JsonObjectCheck root(Problems problems, JsonNode body) {
        if (body == null || !body.isObject()) {
            problems.add("", "TYPE", "the body must be a JSON object");
            return new JsonObjectCheck(problems, "", null);
        }
        return new JsonObjectCheck(problems, "", body);
    }

    public boolean isPresent() {
        return node != null;
    }

    public String path() {
        return path;
    }

    public String pathOf(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /**
     * Unknown fields are refused rather than ignored: Cloudcheck spells {@code dateofbirth} in lower case, and a
     * {@code dateOfBirth} dropped silently would send a request without a date of birth.
     */
    public void allowOnly(Set<String> fields) {
        if (node == null) {
            return;
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                problems.add(pathOf(name), "UNKNOWN_FIELD", "'" + name + "' is not a field of this request; the fields are "
                        + String.join(", ", fields.stream().sorted().toList()));
            }
        }
    }

    /**
     * Whether the field is given at all: present, not null and not a blank string. A value given in the wrong shape
     * counts, so that a rule needing the field does not report it again beside the shape's own problem.
     */
    public boolean has(String field) {
        JsonNode value = value(field);
        return value != null && !(value.isTextual() && value.asText().isBlank());
    }

    public String string(String field, boolean required, int maxLength) {
        if (node == null) {
            return null;
        }
        JsonNode value = value(field);
        if (value == null) {
            if (required) {
                problems.add(pathOf(field), "REQUIRED", "'" + field + "' is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(pathOf(field), "TYPE", "'" + field + "' must be a string");
            return null;
        }
        String text = value.asText();
        if (required && text.isBlank()) {
            problems.add(pathOf(field), "REQUIRED", "'" + field + "' must not be empty");
            return null;
        }
        if (text.length() > maxLength) {
            problems.add(pathOf(field), "MAX_LENGTH", "'" + field + "' must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** An absolute http:// or https:// URL, when present. */
    public String httpUrl(String field) {
        String value = string(field, false, 2048);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!isHttpUrl(value)) {
            problems.add(pathOf(field), "HTTP_URL", "'" + field + "' must be an absolute http:// or https:// URL");
            return null;
        }
        return value;
    }

    /**
     * A URL Cloudcheck will send the customer's browser to, when present: an absolute URL the targets allow, or a
     * problem naming the field and the rule.
     */
    public String redirectUrl(String field, RedirectTargets targets) {
        String value = httpUrl(field);
        if (value != null && !targets.allows(value)) {
            problems.add(pathOf(field), "REDIRECT_NOT_ALLOWED", "'" + field + "' must use " + targets.describe());
            return null;
        }
        return value;
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    public Boolean bool(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        if (!value.isBoolean()) {
            problems.add(pathOf(field), "TYPE", "'" + field + "' must be true or false");
            return null;
        }
        return value.asBoolean();
    }

    /** A nested object; an absent one is a problem only when required. */
    public JsonObjectCheck object(String field, boolean required) {
        JsonNode value = value(field);
        if (value == null) {
            if (node == null) {
                return new JsonObjectCheck(problems, pathOf(field), null);
            }
            if (required) {
                problems.add(pathOf(field), "REQUIRED", "'" + field + "' is required");
            }
            return new JsonObjectCheck(problems, pathOf(field), null);
        }
        if (!value.isObject()) {
            problems.add(pathOf(field), "TYPE", "'" + field + "' must be an object");
            return new JsonObjectCheck(problems, pathOf(field), null);
        }
        return new JsonObjectCheck(problems, pathOf(field), value);
    }

    /** The objects of an array field, each with its own path ({@code recipients[3]}); wrong items are problems. */
    public List<JsonObjectCheck> objects(String field, int min, int max) {
        List<JsonObjectCheck> items = new ArrayList<>();
        JsonNode value = arrayValue(field, min, max);
        if (value == null) {
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            String itemPath = pathOf(field) + "[" + i + "]";
            JsonNode item = value.get(i);
            if (item.isObject()) {
                items.add(new JsonObjectCheck(problems, itemPath, item));
            } else {
                problems.add(itemPath, "TYPE", "each item of '" + field + "' must be an object");
            }
        }
        return items;
    }

    /** The strings of an array field. */
    public List<String> strings(String field, int min, int max, int maxLength) {
        List<String> items = new ArrayList<>();
        JsonNode value = arrayValue(field, min, max);
        if (value == null) {
            return items;
        }
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String itemPath = pathOf(field) + "[" + i + "]";
            if (!item.isTextual() || item.asText().isBlank()) {
                problems.add(itemPath, "TYPE", "each item of '" + field + "' must be a non-empty string");
            } else if (item.asText().length() > maxLength) {
                problems.add(itemPath, "MAX_LENGTH", "each item of '" + field + "' must be at most " + maxLength + " characters");
            } else {
                items.add(item.asText());
            }
        }
        return items;
    }

    public void problem(String field, String rule, String message) {
        problems.add(field == null ? path : pathOf(field), rule, message);
    }

    private JsonNode arrayValue(String field, int min, int max) {
        if (node == null) {
            return null;
        }
        JsonNode value = value(field);
        if (value == null) {
            if (min > 0) {
                problems.add(pathOf(field), "REQUIRED", "'" + field + "' is required (" + min + " to " + max + " items)");
            }
            return null;
        }
        if (!value.isArray()) {
            problems.add(pathOf(field), "TYPE", "'" + field + "' must be an array");
            return null;
        }
        if (value.size() < min) {
            problems.add(pathOf(field), "MIN_ITEMS", "'" + field + "' needs at least " + min + " item" + (min == 1 ? "" : "s"));
        }
        if (value.size() > max) {
            problems.add(pathOf(field), "MAX_ITEMS", "'" + field + "' takes at most " + max + " items");
            return null;
        }
        return value;
    }

    private JsonNode value(String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }
}
