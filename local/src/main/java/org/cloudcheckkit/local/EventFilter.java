package org.cloudcheckkit.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * An event source mapping's {@code FilterCriteria}: a record is delivered when any filter's pattern matches it, and
 * dropped for good otherwise, as Lambda does. The subset of Lambda's filter syntax implemented here: nested objects
 * (every key must match), arrays of alternatives (any must match), exact strings, numbers, booleans and null, and the
 * operators {@code prefix} and {@code exists}. A field whose value is an array matches when any element matches.
 * Any other operator is refused when the filter is read, rather than filtering wrongly.
 */
final class EventFilter {

    private final List<Predicate<JsonNode>> patterns;

    private EventFilter(List<Predicate<JsonNode>> patterns) {
        this.patterns = patterns;
    }

    /** @param patterns each a filter's Pattern, JSON text; none means every record is delivered */
    static EventFilter of(List<String> patterns) {
        List<Predicate<JsonNode>> compiled = new ArrayList<>();
        for (String pattern : patterns) {
            JsonNode root = Json.parse(pattern);
            if (!root.isObject()) {
                throw new IllegalArgumentException("A filter pattern must be a JSON object, not " + pattern);
            }
            compiled.add(object(root, ""));
        }
        return new EventFilter(List.copyOf(compiled));
    }

    boolean matches(JsonNode record) {
        return patterns.isEmpty() || patterns.stream().anyMatch(pattern -> pattern.test(record));
    }

    /** Every key of the pattern must match the field of the same name (a missing field is null to {@code exists}). */
    private static Predicate<JsonNode> object(JsonNode pattern, String path) {
        List<Predicate<JsonNode>> fields = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : pattern.properties()) {
            String name = entry.getKey();
            Predicate<JsonNode> field = field(entry.getValue(), path + "/" + name);
            fields.add(node -> field.test(node == null ? null : node.get(name)));
        }
        return node -> fields.stream().allMatch(field -> field.test(node));
    }

    private static Predicate<JsonNode> field(JsonNode pattern, String path) {
        if (pattern.isObject()) {
            Predicate<JsonNode> nested = object(pattern, path);
            return node -> node != null && node.isObject() && nested.test(node);
        }
        if (!pattern.isArray()) {
            throw new IllegalArgumentException("Filter pattern at " + path + " must be an object or an array of values, not " + pattern);
        }
        List<Predicate<JsonNode>> alternatives = new ArrayList<>();
        boolean existence = false;
        for (JsonNode alternative : pattern) {
            if (alternative.isObject() && alternative.has("exists")) {
                existence = true;
            }
            alternatives.add(alternative(alternative, path));
        }
        if (existence) {
            // exists tests the field itself, not the elements of an array it may hold.
            return node -> alternatives.stream().anyMatch(alternative -> alternative.test(node));
        }
        return node -> values(node).stream().anyMatch(value -> alternatives.stream().anyMatch(alternative -> alternative.test(value)));
    }

    private static Predicate<JsonNode> alternative(JsonNode alternative, String path) {
        if (alternative.isNull()) {
            return node -> node != null && node.isNull();
        }
        if (alternative.isTextual()) {
            return node -> node != null && node.isTextual() && node.asText().equals(alternative.asText());
        }
        if (alternative.isNumber()) {
            return node -> node != null && node.isNumber() && node.decimalValue().compareTo(alternative.decimalValue()) == 0;
        }
        if (alternative.isBoolean()) {
            return node -> node != null && node.isBoolean() && node.asBoolean() == alternative.asBoolean();
        }
        if (alternative.isObject() && alternative.size() == 1) {
            Map.Entry<String, JsonNode> operator = alternative.properties().iterator().next();
            JsonNode operand = operator.getValue();
            switch (operator.getKey()) {
                case "prefix":
                    requireText(operand, path, "prefix");
                    return node -> node != null && node.isTextual() && node.asText().startsWith(operand.asText());
                case "exists":
                    if (!operand.isBoolean()) {
                        throw new IllegalArgumentException("Filter pattern at " + path + ": exists takes true or false");
                    }
                    return node -> (node != null && !node.isNull()) == operand.asBoolean();
                default:
                    break;
            }
        }
        throw new IllegalArgumentException("Filter pattern at " + path + " uses " + alternative
                + ", which the local stack does not implement (it knows exact values, prefix and exists)");
    }

    private static void requireText(JsonNode operand, String path, String operator) {
        if (!operand.isTextual()) {
            throw new IllegalArgumentException("Filter pattern at " + path + ": " + operator + " takes a string");
        }
    }

    /** The values a pattern's alternatives are tested against: each element of an array, else the value itself. */
    private static List<JsonNode> values(JsonNode node) {
        if (node == null) {
            return List.of();
        }
        if (node.isArray()) {
            List<JsonNode> elements = new ArrayList<>();
            node.forEach(elements::add);
            return elements;
        }
        return List.of(node);
    }
}
