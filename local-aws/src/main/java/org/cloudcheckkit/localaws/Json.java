package org.cloudcheckkit.localaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes template values as JSON: for service attributes that take JSON text, secret values and error messages. */
final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            // Template values are maps, lists and scalars only, which always serialise.
            throw new IllegalStateException("Cannot write as JSON: " + value, e);
        }
    }
}
