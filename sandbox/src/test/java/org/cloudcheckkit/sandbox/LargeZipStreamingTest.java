package org.cloudcheckkit.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A zip of 300 one-MiB PDFs (over 300 MiB) from a sandbox whose heap is capped at 64 MiB: it can only succeed if the
 * zip is streamed as it is made.
 */
class LargeZipStreamingTest {

    private static final int RECIPIENTS = 300;
    private static final int PADDING_BYTES = 1024 * 1024;

    @Test
    @Timeout(60)
    void streamsAZipFarLargerThanTheSandboxHeap() throws Exception {
        try (ChildSandbox child = ChildSandbox.start(List.of("-Xmx64m", "-XX:+UseSerialGC"), "--port", "0", "--quiet")) {
            HttpClient http = HttpClient.newHttpClient();
            ApiClient client = new ApiClient(child.baseUrl(), SandboxConfig.DEFAULT_KEY, SandboxConfig.DEFAULT_SECRET);
            control(http, child, "/_sandbox/settings", "{\"pdfPaddingBytes\":" + PADDING_BYTES + ",\"pdfJobDelay\":\"0s\"}");
            ObjectNode[] recipients = new ObjectNode[RECIPIENTS];
            for (int i = 0; i < RECIPIENTS; i++) {
                recipients[i] = TestData.recipient("cust-" + i);
            }
            JsonNode created = client.postOk("/go/create/", TestData.createRequest(recipients));
            for (JsonNode outcome : created.path("recipients")) {
                control(http, child, "/_sandbox/go/recipients/" + outcome.path("recipientToken").asText() + "/complete",
                        "{\"outcome\":\"PASS\"}");
            }
            String job = client.getOk("/go/pdfs/generate/", "goApiReference", created.path("goApiReference").asText())
                    .path("token").asText();

            HttpResponse<InputStream> zip = http.send(HttpRequest.newBuilder(URI.create(child.baseUrl()
                            + "/go/pdfs/retrieve/?" + ApiClient.form(client.signed("/go/pdfs/retrieve/",
                            client.parameters("token", job))))).build(),
                    HttpResponse.BodyHandlers.ofInputStream());

            assertEquals("application/zip", zip.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(zip.headers().firstValue("Content-Length").isEmpty(), "chunked, not buffered");
            CountingInputStream counted = new CountingInputStream(zip.body());
            List<String> names = new ArrayList<>();
            byte[] head = new byte[5];
            try (ZipInputStream entries = new ZipInputStream(counted)) {
                for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                    names.add(entry.getName());
                    assertEquals(5, entries.readNBytes(head, 0, 5));
                    assertArrayEquals("%PDF-".getBytes(StandardCharsets.US_ASCII), head, entry.getName());
                    entries.transferTo(OutputStream.nullOutputStream());
                }
            }
            assertEquals(RECIPIENTS, names.size());
            assertTrue(names.get(0).startsWith("cust-0-"));
            assertTrue(counted.count > (long) RECIPIENTS * PADDING_BYTES, "zip size " + counted.count);
            assertTrue(child.isAlive(), "the 64 MiB sandbox survived");
            assertEquals(200, control(http, child, "/_sandbox/settings", "{}"));
        }
    }

    private static int control(HttpClient http, ChildSandbox child, String path, String json)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(child.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        private CountingInputStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            count += Math.max(read, 0);
            return read;
        }
    }
}
