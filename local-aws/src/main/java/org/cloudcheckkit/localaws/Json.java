package org.cloudcheckkit.localaws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;

/** Template values as JSON: for service attributes that take JSON text, secret values and error messages. */
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

    /** A JSON object of text fields, in its order; fails with a message that names what and never quotes the text. */
    static LinkedHashMap<String, String> readFields(String text, String what) {
        try {
            return MAPPER.readValue(text, new TypeReference<>() { });
        } catch (JsonProcessingException notFields) {
            // Not chained: the parser's message quotes the text, which is a secret.
            throw new TemplateException(what + " holds no JSON object of text fields");
        }
    }
}
