package org.cloudcheckkit.localaws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A mapping from the template (raw or resolved) together with its path, such as
 * {@code Resources.Table.Properties}, so that a wrong or missing value is reported where it is.
 */
record PropertyMap(String path, Map<String, Object> values) {

    /** Reads {@code value} as a mapping found at {@code path}; null (an empty YAML entry) reads as an empty one. */
    static PropertyMap at(String path, Object value) {
        if (value == null) {
            return new PropertyMap(path, Map.of());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException(path + " must be a mapping, not " + Json.write(value));
        }
        @SuppressWarnings("unchecked") // the template loader and the resolver build only string-keyed maps
        Map<String, Object> values = (Map<String, Object>) map;
        return new PropertyMap(path, values);
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Optional<Object> optional(String key) {
        return Optional.ofNullable(values.get(key));
    }

    Object required(String key) {
        return optional(key).orElseThrow(() -> new TemplateException(pathOf(key) + " is required"));
    }

    Optional<String> optionalString(String key) {
        return optional(key).map(value -> Scalar.text(value).orElseThrow(
                () -> new TemplateException(pathOf(key) + " must be a string, not " + Json.write(value))));
    }

    String requiredString(String key) {
        return optionalString(key).orElseThrow(() -> new TemplateException(pathOf(key) + " is required"));
    }

    Optional<Boolean> optionalBoolean(String key) {
        return optionalString(key).map(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new TemplateException(pathOf(key) + " must be true or false, not " + text);
        });
    }

    Optional<Long> optionalLong(String key) {
        return optionalString(key).map(text -> {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new TemplateException(pathOf(key) + " must be a whole number, not " + text, e);
            }
        });
    }

    long requiredLong(String key) {
        return optionalLong(key).orElseThrow(() -> new TemplateException(pathOf(key) + " is required"));
    }

    Optional<PropertyMap> optionalMap(String key) {
        return optional(key).map(value -> at(pathOf(key), value));
    }

    PropertyMap mapOrEmpty(String key) {
        return at(pathOf(key), values.get(key));
    }

    /** The list under {@code key}; empty when absent. */
    List<Object> list(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(pathOf(key) + " must be a list, not " + Json.write(value));
        }
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** The list of mappings under {@code key}; empty when absent. */
    List<PropertyMap> maps(String key) {
        List<Object> list = list(key);
        List<PropertyMap> maps = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            maps.add(at(pathOf(key) + "[" + i + "]", list.get(i)));
        }
        return maps;
    }

    List<String> strings(String key) {
        List<Object> list = list(key);
        List<String> strings = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            String where = pathOf(key) + "[" + i + "]";
            strings.add(Scalar.text(item).orElseThrow(
                    () -> new TemplateException(where + " must be a string, not " + Json.write(item))));
        }
        return strings;
    }
}
