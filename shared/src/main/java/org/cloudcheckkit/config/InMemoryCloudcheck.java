package org.cloudcheckkit.config;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Cloudcheck that SnapStart priming's requests reach: the client's connections are opened here instead of over the
 * network, and each path is answered at once with a valid answer in the shape the sandbox gives (a Go request created,
 * a recipient's result, a PDF's first bytes, a zip's). Nothing leaves the process, so no Go request, email or session
 * comes of priming; what runs is the client's signing, its form encoding, the HTTP exchange's reading and the
 * answers' parsing, as on a first real call.
 */
final class InMemoryCloudcheck extends URLStreamHandler {
    /**
     * Every Go answer's fields together, each call reading the ones it knows as from the real answer; a recipient
     * has responded, a final status, so its result is archived.
     */
    private static final byte[] GO_ANSWER = ("{\"goApiReference\":\"PRIMING\",\"reference\":\"priming\","
            + "\"recipientToken\":\"PRIMING\",\"token\":\"PRIMING\",\"link\":\"https://example.invalid/priming\","
            + "\"status\":\"Responded\",\"statusDate\":\"2026-01-01\",\"test\":true,\"emailsSent\":1,\"smsSent\":0,"
            + "\"result\":\"sent\",\"recipients\":[{\"reference\":\"priming\",\"recipientToken\":\"PRIMING\","
            + "\"link\":\"https://example.invalid/priming\",\"status\":\"Responded\",\"statusDate\":\"2026-01-01\"}],"
            + "\"verification\":{\"status\":\"Pass\"}}").getBytes(StandardCharsets.UTF_8);
    /** Every Akahu answer's fields together: a session started, then complete. */
    private static final byte[] AKAHU_ANSWER = ("{\"token\":\"PRIMING\",\"url\":\"https://example.invalid/priming\","
            + "\"reference\":\"priming\",\"status\":\"Complete\",\"akahuToken\":\"PRIMING\",\"result\":\"reviewed\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] PDF = "%PDF-1.4\n% SnapStart priming\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    /** A zip's first bytes, a local file header's magic, as Cloudcheck's results zip starts. */
    private static final byte[] ZIP = {'P', 'K', 3, 4, 0, 0, 0, 0};

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** How many calls each Cloudcheck path was answered: tests check the success path reached Cloudcheck here. */
    Map<String, Integer> calls() {
        Map<String, Integer> counts = new TreeMap<>();
        calls.forEach((path, count) -> counts.put(path, count.get()));
        return counts;
    }

    @Override
    protected URLConnection openConnection(URL url) {
        return new Exchange(url);
    }

    /** One call, answered from the path alone once its request is read. */
    private final class Exchange extends HttpURLConnection {
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private byte[] answer;
        private String contentType;

        Exchange(URL url) {
            super(url);
        }

        @Override
        public void connect() {
            connected = true;
        }

        @Override
        public OutputStream getOutputStream() {
            return body;
        }

        @Override
        public int getResponseCode() {
            if (answer == null) {
                String path = url.getPath();
                calls.computeIfAbsent(path, any -> new AtomicInteger()).incrementAndGet();
                if (path.endsWith("/pdf/")) {
                    answer = PDF;
                    contentType = "application/pdf";
                } else if (path.equals("/go/pdfs/retrieve/")) {
                    answer = ZIP;
                    contentType = "application/zip";
                } else {
                    answer = path.startsWith("/akahu/") ? AKAHU_ANSWER : GO_ANSWER;
                    contentType = "application/json";
                }
            }
            return HTTP_OK;
        }

        @Override
        public InputStream getInputStream() {
            getResponseCode();
            return new ByteArrayInputStream(answer);
        }

        @Override
        public String getContentType() {
            getResponseCode();
            return contentType;
        }

        @Override
        public long getContentLengthLong() {
            getResponseCode();
            return answer.length;
        }

        @Override
        public String getHeaderField(String name) {
            return null;
        }

        @Override
        public void disconnect() {
            connected = false;
        }

        @Override
        public boolean usingProxy() {
            return false;
        }
    }
}
