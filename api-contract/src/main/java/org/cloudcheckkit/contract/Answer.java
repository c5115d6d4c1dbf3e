package org.cloudcheckkit.contract;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP answer as a caller received it, with the request it answered.
 *
 * @param method the request's method, {@code GET}
 * @param path   the request's path, either as called ({@code /go/requests/abc/send}, a query string is ignored) or as a
 *               route's template ({@code /go/requests/{goApiReference}/send})
 * @param status the answer's status code
 * @param headers the answer's headers, any case
 * @param body   the answer's body as text, empty or null when it had none
 */
public record Answer(String method, String path, int status, Map<String, String> headers, String body) {

    public Answer {
        Map<String, String> lowerCase = new TreeMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> lowerCase.put(name.toLowerCase(Locale.ROOT), value));
        }
        headers = Map.copyOf(lowerCase);
        body = body == null ? "" : body;
        method = method.toUpperCase(Locale.ROOT);
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The media type of the body, without parameters such as {@code charset}. */
    Optional<String> mediaType() {
        return header("content-type").map(type -> type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return method + " " + path + " answered " + status;
    }
}
