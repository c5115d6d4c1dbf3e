package org.cloudcheckkit.sandbox.callback;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Adds parameters to a customer's URL, keeping any query and fragment it already has. */
public final class QueryParameters {

    private QueryParameters() {
    }

    public static String append(String url, Map<String, String> parameters) {
        int hash = url.indexOf('#');
        String base = hash < 0 ? url : url.substring(0, hash);
        String fragment = hash < 0 ? "" : url.substring(hash);
        StringBuilder result = new StringBuilder(base);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            char last = result.charAt(result.length() - 1);
            if (result.indexOf("?") < 0) {
                result.append('?');
            } else if (last != '?' && last != '&') {
                result.append('&');
            }
            result.append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
        }
        return result.append(fragment).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
