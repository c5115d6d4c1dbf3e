package org.cloudcheckkit.sandbox.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Decoded {@code application/x-www-form-urlencoded} parameters, from a query string or a form body. */
public final class FormParameters {

    private final Map<String, String> values;
    private final Set<String> repeatedNames;

    private FormParameters(Map<String, String> values, Set<String> repeatedNames) {
        this.values = Collections.unmodifiableMap(values);
        this.repeatedNames = Collections.unmodifiableSet(repeatedNames);
    }

    /**
     * Decodes {@code a=1&b=2}; a name given twice keeps its first value and is reported by {@link #repeatedNames()}.
     *
     * @throws IllegalArgumentException when a percent escape is malformed
     */
    public static FormParameters parse(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        Set<String> repeated = new LinkedHashSet<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                if (values.putIfAbsent(name, value) != null) {
                    repeated.add(name);
                }
            }
        }
        return new FormParameters(values, repeated);
    }

    /** The value, or null when absent. */
    public String value(String name) {
        return values.get(name);
    }

    /** Present with a non-empty value: seed 001's 102 covers both "missing" and "empty". */
    public boolean isPresent(String name) {
        String value = values.get(name);
        return value != null && !value.isEmpty();
    }

    public Map<String, String> asMap() {
        return values;
    }

    public Set<String> repeatedNames() {
        return repeatedNames;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
