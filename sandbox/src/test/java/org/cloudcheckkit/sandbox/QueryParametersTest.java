package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cloudcheckkit.sandbox.callback.QueryParameters;
import org.junit.jupiter.api.Test;

/** Customer URLs keep what they had; the sandbox's parameters are appended, encoded. */
class QueryParametersTest {

    private static final Map<String, String> STATUS = new LinkedHashMap<>(Map.of("status", "Not Sent"));

    @Test
    void appendsToUrlsWithAndWithoutAQuery() {
        assertEquals("https://a.example/n?status=Not%20Sent", QueryParameters.append("https://a.example/n", STATUS));
        assertEquals("https://a.example/n?x=1&status=Not%20Sent",
                QueryParameters.append("https://a.example/n?x=1", STATUS));
        assertEquals("https://a.example/n?status=Not%20Sent", QueryParameters.append("https://a.example/n?", STATUS));
    }

    @Test
    void keepsTheFragmentLast() {
        assertEquals("https://a.example/done?token=a%26b#top",
                QueryParameters.append("https://a.example/done#top", Map.of("token", "a&b")));
    }
}
